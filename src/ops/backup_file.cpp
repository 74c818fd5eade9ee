// The backup file format (include/accord/ops/backup_file.hpp, docs/operations.md).
#include "accord/ops/backup_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "accord/log/codec.hpp"
#include "accord/model/errors.hpp"
#include "sync_directory.hpp"

namespace accord::ops {
namespace {

using Json = nlohmann::ordered_json;

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes) { EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()); }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx_, digest, &length);
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
      out += digits[digest[i] >> 4];
      out += digits[digest[i] & 15];
    }
    return out;
  }

 private:
  EVP_MD_CTX* ctx_;
};

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(n);
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) --size;  // EVP counts padding as zeros
  out.resize(size);
  return out;
}

bool is_utf8(const std::string& bytes) {
  try {
    (void)Json(bytes).dump();
    return true;
  } catch (const Json::exception&) {
    return false;
  }
}

Json bytes_json(const std::string& bytes) {
  if (is_utf8(bytes)) return Json(bytes);
  return Json{{"base64", base64_encode(bytes)}};
}

Json nullable_bytes_json(const std::optional<std::string>& bytes) { return bytes ? bytes_json(*bytes) : Json(nullptr); }

// A byte field: a string, {"base64": ...}, or (when nullable) null.
Result<std::optional<std::string>> bytes_from(const Json& line, const char* name, bool nullable) {
  auto it = line.find(name);
  const auto bad = [&](const std::string& why) { return errors::bad_request("\"" + std::string(name) + "\" " + why); };
  if (it == line.end()) return bad("is missing");
  if (it->is_null()) {
    if (!nullable) return bad("must not be null");
    return std::optional<std::string>{};
  }
  if (it->is_string()) return std::optional<std::string>{it->get<std::string>()};
  if (it->is_object() && it->size() == 1 && it->contains("base64") && (*it)["base64"].is_string()) {
    auto decoded = base64_decode((*it)["base64"].get<std::string>());
    if (!decoded) return bad("is not valid base64");
    return std::optional<std::string>{std::move(*decoded)};
  }
  return bad("must be a string, {\"base64\": ...}" + std::string(nullable ? " or null" : ""));
}

std::string now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// A string member, or "" when absent or of another type (value() would throw on the latter).
std::string string_field(const Json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json counts_json(const BackupCounts& c) {
  return Json{{"records", c.records}, {"subjects", c.subjects}, {"versions", c.versions},
              {"schemas", c.schemas}, {"max_id", c.max_id}};
}

}  // namespace

// ---------------------------------------------------------------------------- counting

struct BackupCounter::Impl {
  uint64_t records = 0;
  // logical SCHEMA key -> (subject, id) of its last record; erased by a tombstone
  std::map<std::string, std::pair<std::string, SchemaId>> versions;
};

void BackupCounter::add(const log::Record& record) {
  if (!impl_) impl_ = std::make_shared<Impl>();
  ++impl_->records;
  if (!record.key) return;
  auto key = log::decode_key(*record.key);
  if (!key || key->type != log::KeyType::Schema) return;
  const auto logical = log::logical_key(*key);
  if (log::is_tombstone(record.value)) {
    impl_->versions.erase(logical);
    return;
  }
  if (auto value = log::decode_schema_value(*record.value)) impl_->versions[logical] = {value->subject, value->id};
}

BackupCounts BackupCounter::counts() const {
  BackupCounts c;
  if (!impl_) return c;
  c.records = impl_->records;
  std::set<std::string> subjects;
  std::set<SchemaId> ids;
  for (const auto& [key, version] : impl_->versions) {
    subjects.insert(version.first);
    ids.insert(version.second);
    c.max_id = std::max<int64_t>(c.max_id, version.second);
  }
  c.subjects = subjects.size();
  c.versions = impl_->versions.size();
  c.schemas = ids.size();
  return c;
}

// ---------------------------------------------------------------------------- writing

struct BackupWriter::Impl {
  std::filesystem::path file;
  std::filesystem::path temporary;
  std::FILE* out = nullptr;
  Sha256 sha;
  BackupCounter counter;
  uint64_t bytes = 0;
  std::optional<Offset> last_offset;
  bool done = false;

  Status write_line(const std::string& line, bool hashed) {
    if (hashed) sha.update(line);
    if (std::fwrite(line.data(), 1, line.size(), out) != line.size())
      return errors::store_error("Failed writing " + temporary.string());
    bytes += line.size();
    return Ok{};
  }
  ~Impl() {
    if (out) std::fclose(out);
    if (!done) {
      std::error_code ec;
      std::filesystem::remove(temporary, ec);
    }
  }
};

BackupWriter::BackupWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BackupWriter::BackupWriter(BackupWriter&&) noexcept = default;
BackupWriter& BackupWriter::operator=(BackupWriter&&) noexcept = default;
BackupWriter::~BackupWriter() = default;

Result<BackupWriter> BackupWriter::create(const std::filesystem::path& file, const BackupHeader& header) {
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  impl->temporary = file;
  impl->temporary += ".tmp-" + std::to_string(::getpid());
  impl->out = std::fopen(impl->temporary.c_str(), "wbx");
  if (!impl->out) return errors::store_error("Cannot create " + impl->temporary.string() + ": " + std::strerror(errno));
  Json line{{"format", kBackupFormat},
            {"format_version", kBackupFormatVersion},
            {"created_at", header.created_at.empty() ? now_iso8601() : header.created_at},
            {"source", header.source},
            {"selection", header.full ? "full" : "compacted"}};
  if (auto s = impl->write_line(line.dump() + "\n", true); !s) return s.error();
  return BackupWriter(std::move(impl));
}

Status BackupWriter::add(const log::StoredRecord& r) {
  if (impl_->last_offset && r.offset <= *impl_->last_offset)
    return errors::store_error("Record offsets must increase: " + std::to_string(r.offset) + " after " +
                               std::to_string(*impl_->last_offset));
  impl_->last_offset = r.offset;
  Json headers = Json::array();
  for (const auto& [name, value] : r.record.headers) headers.push_back(Json::array({bytes_json(name), bytes_json(value)}));
  Json line{{"offset", r.offset},
            {"timestamp", r.timestamp_ms},
            {"key", nullable_bytes_json(r.record.key)},
            {"value", nullable_bytes_json(r.record.value)},
            {"headers", std::move(headers)}};
  impl_->counter.add(r.record);
  return impl_->write_line(line.dump() + "\n", true);
}

Result<std::pair<BackupCounts, uint64_t>> BackupWriter::finish() {
  const auto counts = impl_->counter.counts();
  Json trailer{{"end", true}};
  trailer.update(counts_json(counts));
  trailer["sha256"] = impl_->sha.hex();
  if (auto s = impl_->write_line(trailer.dump() + "\n", false); !s) return s.error();
  const bool flushed = std::fflush(impl_->out) == 0 && ::fsync(::fileno(impl_->out)) == 0;
  const bool closed = std::fclose(impl_->out) == 0;
  impl_->out = nullptr;
  if (!flushed || !closed) return errors::store_error("Failed writing " + impl_->temporary.string());
  std::error_code ec;
  std::filesystem::rename(impl_->temporary, impl_->file, ec);
  if (ec) return errors::store_error("Cannot rename " + impl_->temporary.string() + " to " + impl_->file.string() + ": " + ec.message());
  impl_->done = true;
  sync_directory(impl_->file.parent_path());
  return std::pair{counts, impl_->bytes};
}

// ---------------------------------------------------------------------------- reading

struct BackupReader::Impl {
  std::filesystem::path file;
  std::ifstream in;
  uint64_t size = 0;
  BackupHeader header;
  Sha256 sha;
  BackupCounter counter;
  BackupCounts trailer_counts;
  std::size_t line_number = 0;
  std::optional<Offset> last_offset;
  bool finished = false;

  Error bad(const std::string& why) const {
    return errors::bad_request("Backup " + file.string() + " line " + std::to_string(line_number) + ": " + why);
  }
  // One line with its newline; false at the end of the file or on a last line without one.
  bool read_line(std::string& line) {
    if (!std::getline(in, line)) return false;
    if (in.eof()) return false;  // no newline: the file was cut
    ++line_number;
    return true;
  }
};

BackupReader::BackupReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BackupReader::BackupReader(BackupReader&&) noexcept = default;
BackupReader& BackupReader::operator=(BackupReader&&) noexcept = default;
BackupReader::~BackupReader() = default;

const BackupHeader& BackupReader::header() const { return impl_->header; }
uint64_t BackupReader::file_size() const { return impl_->size; }
const BackupCounts& BackupReader::counts() const { return impl_->trailer_counts; }

Result<BackupReader> BackupReader::open(const std::filesystem::path& file) {
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  std::error_code ec;
  impl->size = std::filesystem::file_size(file, ec);
  if (ec) return errors::bad_request("Cannot read the backup " + file.string() + ": " + ec.message());
  impl->in.open(file, std::ios::binary);
  if (!impl->in) return errors::bad_request("Cannot read the backup " + file.string());
  std::string text;
  if (!impl->read_line(text)) return impl->bad("not an Accord backup (no header line)");
  const Json line = Json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object() || string_field(line, "format") != kBackupFormat)
    return impl->bad("not an Accord backup (the first line must be {\"format\":\"accord-backup\",...})");
  const auto version = line.find("format_version");
  if (version == line.end() || !version->is_number_integer() || version->get<int>() != kBackupFormatVersion)
    return impl->bad("backup format version " + (version == line.end() ? std::string("(none)") : version->dump()) +
                     " is not supported (this accord reads version " + std::to_string(kBackupFormatVersion) + ")");
  impl->header.created_at = string_field(line, "created_at");
  impl->header.source = string_field(line, "source");
  impl->header.full = string_field(line, "selection") == "full";
  impl->sha.update(text + "\n");
  return BackupReader(std::move(impl));
}

Result<std::optional<log::StoredRecord>> BackupReader::next() {
  auto& s = *impl_;
  if (s.finished) return std::optional<log::StoredRecord>{};
  std::string text;
  if (!s.read_line(text)) {
    ++s.line_number;
    return s.bad("the file ends without its trailer line: it is truncated");
  }
  const Json line = Json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object()) return s.bad("not a JSON object");
  if (line.contains("end")) {
    const auto expected = s.sha.hex();
    if (string_field(line, "sha256") != expected)
      return s.bad("checksum mismatch: the file was altered or damaged (sha256 of the records is " + expected +
                   ", the trailer says " + string_field(line, "sha256") + ")");
    const auto counted = s.counter.counts();
    try {
      s.trailer_counts = BackupCounts{line.at("records").get<uint64_t>(), line.at("subjects").get<uint64_t>(),
                                      line.at("versions").get<uint64_t>(), line.at("schemas").get<uint64_t>(),
                                      line.at("max_id").get<int64_t>()};
    } catch (const Json::exception&) {
      return s.bad("the trailer's counts are missing or not numbers");
    }
    if (!(s.trailer_counts == counted))
      return s.bad("the trailer says " + counts_json(s.trailer_counts).dump() + " but the records hold " +
                   counts_json(counted).dump());
    if (s.in.peek() != std::char_traits<char>::eof()) return s.bad("data after the trailer line");
    s.finished = true;
    return std::optional<log::StoredRecord>{};
  }
  s.sha.update(text);
  s.sha.update("\n");
  log::StoredRecord record;
  const auto offset = line.find("offset");
  const auto timestamp = line.find("timestamp");
  if (offset == line.end() || !offset->is_number_integer()) return s.bad("\"offset\" must be an integer");
  if (timestamp == line.end() || !timestamp->is_number_integer()) return s.bad("\"timestamp\" must be an integer");
  record.offset = offset->get<Offset>();
  record.timestamp_ms = timestamp->get<int64_t>();
  if (s.last_offset && record.offset <= *s.last_offset)
    return s.bad("record at offset " + std::to_string(record.offset) + " is out of order (it follows offset " +
                 std::to_string(*s.last_offset) + ")");
  s.last_offset = record.offset;
  auto key = bytes_from(line, "key", true);
  if (!key) return s.bad(key.error().message);
  auto value = bytes_from(line, "value", true);
  if (!value) return s.bad(value.error().message);
  record.record.key = std::move(*key);
  record.record.value = std::move(*value);
  const auto headers = line.find("headers");
  if (headers == line.end() || !headers->is_array()) return s.bad("\"headers\" must be an array");
  for (const Json& h : *headers) {
    if (!h.is_array() || h.size() != 2) return s.bad("a header must be [name, value]");
    const Json pair{{"name", h[0]}, {"value", h[1]}};
    auto name = bytes_from(pair, "name", false);
    auto header_value = bytes_from(pair, "value", false);
    if (!name || !header_value) return s.bad("a header must be [name, value] of strings or {\"base64\": ...}");
    record.record.headers.emplace_back(std::move(**name), std::move(**header_value));
  }
  // Every record must be one the registry can read back.
  if (!record.record.key) return s.bad("a `_schemas` record needs a key");
  auto decoded = log::decode_key(*record.record.key);
  if (!decoded) return s.bad("the key is not a `_schemas` key: " + decoded.error().message);
  if (!log::is_tombstone(record.record.value)) {
    const std::string& v = *record.record.value;
    Status valid = Ok{};
    switch (decoded->type) {
      case log::KeyType::Schema:
        if (auto r = log::decode_schema_value(v); !r) valid = r.error();
        break;
      case log::KeyType::Config:
        if (auto r = log::decode_config_value(v); !r) valid = r.error();
        break;
      case log::KeyType::Mode:
        if (auto r = log::decode_mode_value(v); !r) valid = r.error();
        break;
      case log::KeyType::DeleteSubject:
        if (auto r = log::decode_delete_subject_value(v); !r) valid = r.error();
        break;
      default:
        break;
    }
    if (!valid) return s.bad("the value does not decode: " + valid.error().message);
  }
  s.counter.add(record.record);
  return std::optional<log::StoredRecord>{std::move(record)};
}

Result<BackupCounts> verify_backup(const std::filesystem::path& file, const ProgressFn& progress) {
  auto reader = BackupReader::open(file);
  if (!reader) return reader.error();
  uint64_t seen = 0;
  while (true) {
    auto record = reader->next();
    if (!record) return record.error();
    if (!*record) break;
    if (++seen % 1000 == 0) report(progress, "verifying", seen, 0);
  }
  report(progress, "verifying", seen, seen);
  return reader->counts();
}

}  // namespace accord::ops
