// export_log / import_log: a whole log as JSON lines (format in local_log.hpp, docs/log.md).
#include <fstream>

#include <nlohmann/json.hpp>

#include "accord/log/local_log.hpp"
#include "accord/model/errors.hpp"

namespace accord::log {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kBatch = 500;
// How long export waits for records the log says exist (a Kafka fetch may lag).
constexpr auto kStallLimit = std::chrono::seconds(30);

Json nullable(const std::optional<std::string>& bytes) { return bytes ? Json(*bytes) : Json(nullptr); }

Result<std::optional<std::string>> nullable_from(const Json& line, const char* name) {
  auto it = line.find(name);
  if (it == line.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return errors::store_error(std::string("\"") + name + "\" must be a string or null");
  return std::optional<std::string>{it->get<std::string>()};
}

}  // namespace

Result<std::size_t> export_log(SchemaLog& log, const std::filesystem::path& file) {
  const auto start = log.start_offset();
  if (!start) return start.error();
  const auto end = log.end_offset();
  if (!end) return end.error();
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) return errors::store_error("Cannot write " + file.string());

  std::size_t written = 0;
  Offset next = *start;
  auto last_progress = std::chrono::steady_clock::now();
  while (next < *end) {
    auto batch = log.read_batch(next, std::chrono::milliseconds(500), kBatch);
    if (!batch) return batch.error();
    if (batch->next_offset > next) last_progress = std::chrono::steady_clock::now();
    if (std::chrono::steady_clock::now() - last_progress > kStallLimit) {
      return errors::store_error("Export stalled at offset " + std::to_string(next) + " of " + std::to_string(*end));
    }
    for (const StoredRecord& r : batch->records) {
      if (r.offset >= *end) break;
      Json line = Json::object();
      line["offset"] = r.offset;
      line["timestamp"] = r.timestamp_ms;
      line["key"] = nullable(r.record.key);
      line["value"] = nullable(r.record.value);
      Json headers = Json::array();
      for (const auto& [name, value] : r.record.headers) headers.push_back(Json::array({name, value}));
      line["headers"] = std::move(headers);
      try {
        out << line.dump() << '\n';  // strict: bytes that are not UTF-8 must fail, not be altered
      } catch (const Json::exception& e) {
        return errors::store_error("Record at offset " + std::to_string(r.offset) + " cannot be exported: " + e.what());
      }
      ++written;
    }
    next = batch->next_offset;
  }
  out.flush();
  if (!out) return errors::store_error("Failed writing " + file.string());
  return written;
}

Result<std::size_t> import_log(const std::filesystem::path& file, SchemaLog& log) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return errors::store_error("Cannot read " + file.string());
  BatchedAppender appender(log, kBatch);
  std::string text;
  std::size_t line_number = 0;
  while (std::getline(in, text)) {
    ++line_number;
    if (text.empty()) continue;
    const Json line = Json::parse(text, nullptr, false);
    auto bad = [&](const std::string& why) {
      return errors::store_error(file.string() + ":" + std::to_string(line_number) + ": " + why);
    };
    if (line.is_discarded() || !line.is_object()) return bad("not a JSON object");
    Record record;
    auto key = nullable_from(line, "key");
    if (!key) return bad(key.error().message);
    auto value = nullable_from(line, "value");
    if (!value) return bad(value.error().message);
    record.key = std::move(key).value();
    record.value = std::move(value).value();
    if (auto it = line.find("headers"); it != line.end() && !it->is_null()) {
      if (!it->is_array()) return bad("\"headers\" must be an array");
      for (const Json& h : *it) {
        if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string()) {
          return bad("a header must be [name, value]");
        }
        record.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
      }
    }
    if (auto s = appender.add(std::move(record)); !s) return s.error();
  }
  if (auto s = appender.flush(); !s) return s.error();
  return appender.appended();
}

}  // namespace accord::log
