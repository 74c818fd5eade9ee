#include "accord/store/materializer.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "decoded_record.hpp"
#include "identity_memo.hpp"

namespace accord::store {
namespace detail {

DecodedRecord decode_record(const std::optional<std::string>& key_bytes, const std::optional<std::string>& value) {
  DecodedRecord out;
  if (!key_bytes) return out;
  try {
    auto key = log::decode_key(*key_bytes);
    if (!key) {
      out.key_error = key.error().message;
      return out;
    }
    out.logical = log::logical_key(*key);
    if (key->type == log::KeyType::Schema && !log::is_tombstone(value)) {
      auto decoded = log::decode_schema_value(*value);
      if (decoded) {
        decoded->subject = key->subject.value_or("");  // the key is authoritative
        decoded->version = key->version.value_or(VersionNumber{0});
        auto ids = identify(decoded->schema);
        out.schema = DecodedSchema{std::move(*decoded), std::move(ids.identity), std::move(ids.guid)};
      } else {
        out.value_error = decoded.error().message;
      }
    }
    out.key = std::move(*key);
  } catch (const std::exception& e) {  // may run on a helper thread: nothing escapes
    out = DecodedRecord{};
    out.key_error = e.what();
  }
  return out;
}

}  // namespace detail

struct Materializer::Decoded {
  Offset first{-1};
  std::vector<detail::DecodedRecord> records;
};

Materializer::Materializer(StateStore& store) : store_(store) {}
Materializer::~Materializer() = default;

Status Materializer::apply(std::span<const log::StoredRecord> records, std::span<const log::StoredRecord> lookahead) {
  // What the previous call decoded ahead, when these are the records it looked ahead at.
  std::vector<detail::DecodedRecord> decoded;
  if (ahead_ && !records.empty() && ahead_->first == records.front().offset && ahead_->records.size() == records.size())
    decoded = std::move(ahead_->records);
  ahead_.reset();
  // Records already applied (a writer's own, applied at append) are not applied again.
  std::size_t applied = 0;
  while (applied < records.size() && records[applied].offset <= store_.applied_offset()) ++applied;
  records = records.subspan(applied);
  if (!decoded.empty()) decoded.erase(decoded.begin(), decoded.begin() + static_cast<std::ptrdiff_t>(applied));

  // A second thread pays off only for replay-sized batches, not for a registration.
  constexpr std::size_t kParallelFrom = 256;
  constexpr std::size_t kChunk = 512;
  const bool two_cores = std::thread::hardware_concurrency() >= 2;
  const bool look_ahead = two_cores && !lookahead.empty();
  if (!look_ahead && (records.size() < kParallelFrom || !two_cores || !decoded.empty())) {
    if (records.empty()) return Ok{};
    if (decoded.empty()) {
      decoded.reserve(records.size());
      for (const auto& r : records) decoded.push_back(detail::decode_record(r.record.key, r.record.value));
    }
    return store_.apply(records, decoded);
  }
  // A replay: two threads decode chunks (the records' own, unless decoded already, then the
  // lookahead's) while this one applies the records chunk by chunk, one store batch each.
  // A chunk of the records is at most half of them, so that a short batch keeps both decode
  // threads busy too.
  const std::size_t own_chunk = std::clamp<std::size_t>((records.size() + 1) / 2, 1, kChunk);
  std::vector<std::span<const log::StoredRecord>> chunks;
  auto split = [&](std::span<const log::StoredRecord> span, std::size_t size) {
    for (std::size_t at = 0; at < span.size(); at += size) chunks.push_back(span.subspan(at, std::min(size, span.size() - at)));
  };
  // Each chunk is decoded into its place in `decoded` (this call's records) or `ahead`
  // (the lookahead's), sized before the threads start, so nothing is moved afterwards on
  // this thread, which is the replay's critical path.
  const bool decode_own = decoded.empty();
  if (decode_own) {
    decoded.resize(records.size());
    split(records, own_chunk);
  }
  const std::size_t own_chunks = chunks.size();
  std::vector<detail::DecodedRecord> ahead;
  if (look_ahead) {
    ahead.resize(lookahead.size());
    split(lookahead, kChunk);
  }
  std::vector<detail::DecodedRecord*> into(chunks.size());
  for (std::size_t c = 0; c < chunks.size(); ++c)
    into[c] = c < own_chunks ? decoded.data() + c * own_chunk : ahead.data() + (c - own_chunks) * kChunk;
  std::vector<bool> ready(chunks.size(), false);
  std::mutex mutex;
  std::condition_variable decoded_cv;
  std::atomic<std::size_t> next{0};
  auto decode = [&] {
    for (std::size_t c; (c = next++) < chunks.size();) {
      for (std::size_t i = 0; i < chunks[c].size(); ++i)
        into[c][i] = detail::decode_record(chunks[c][i].record.key, chunks[c][i].record.value);
      std::lock_guard lock(mutex);
      ready[c] = true;
      decoded_cv.notify_all();
    }
  };
  std::thread first(decode), second(decode);
  Status status = Ok{};
  for (std::size_t at = 0; at < records.size() && status; at += own_chunk) {
    const auto chunk = records.subspan(at, std::min(own_chunk, records.size() - at));
    if (decode_own) {
      std::unique_lock lock(mutex);
      decoded_cv.wait(lock, [&] { return ready[at / own_chunk]; });
    }
    status = store_.apply(chunk, std::span(decoded).subspan(at, chunk.size()));
  }
  if (!status) next = chunks.size();  // the workers stop at their current chunk
  else decode();  // done applying: this thread decodes the chunks still waiting, not idles
  first.join();
  second.join();
  if (status && look_ahead) {
    ahead_ = std::make_unique<Decoded>();
    ahead_->first = lookahead.front().offset;
    ahead_->records = std::move(ahead);
  }
  return status;
}

}  // namespace accord::store
