#include "accord/store/materializer.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "accord/formats/guid.hpp"
#include "accord/formats/identity.hpp"
#include "decoded_record.hpp"

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
        // A schema with references is identified once its references resolve: in apply.
        std::string identity;
        if (decoded->schema.references.empty()) identity = formats::stored_schema_identity(decoded->schema, {});
        std::string guid = formats::schema_guid(decoded->schema);
        out.schema = DecodedSchema{std::move(*decoded), std::move(identity), std::move(guid)};
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

std::vector<DecodedRecord> decode_records(std::span<const log::StoredRecord> records) {
  std::vector<DecodedRecord> out(records.size());
  auto decode = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = decode_record(records[i].record.key, records[i].record.value);
  };
  // A second thread pays off only for replay-sized batches, not for a registration.
  constexpr std::size_t kParallelFrom = 256;
  if (records.size() < kParallelFrom || std::thread::hardware_concurrency() < 2) {
    decode(0, records.size());
    return out;
  }
  const std::size_t half = records.size() / 2;
  std::thread helper(decode, 0, half);
  decode(half, records.size());
  helper.join();
  return out;
}

}  // namespace detail

Status Materializer::apply(std::span<const log::StoredRecord> records) {
  // Records already applied (a writer's own, applied at append) are not decoded again.
  while (!records.empty() && records.front().offset <= store_.applied_offset()) records = records.subspan(1);
  if (records.empty()) return Ok{};
  constexpr std::size_t kChunk = 512;
  if (records.size() <= kChunk || std::thread::hardware_concurrency() < 2) {
    auto decoded = detail::decode_records(records);
    return store_.apply(records, decoded);
  }
  // A replay: two threads decode chunks ahead while this one applies them in order, one
  // store batch per chunk, so decoding and writing overlap.
  const std::size_t chunks = (records.size() + kChunk - 1) / kChunk;
  auto chunk_of = [&](std::size_t c) { return records.subspan(c * kChunk, std::min(kChunk, records.size() - c * kChunk)); };
  std::vector<std::vector<detail::DecodedRecord>> decoded(chunks);
  std::vector<bool> ready(chunks, false);
  std::mutex mutex;
  std::condition_variable decoded_cv;
  std::atomic<std::size_t> next{0};
  auto decode = [&] {
    for (std::size_t c; (c = next++) < chunks;) {
      auto chunk = chunk_of(c);
      std::vector<detail::DecodedRecord> out;
      out.reserve(chunk.size());
      for (const auto& r : chunk) out.push_back(detail::decode_record(r.record.key, r.record.value));
      std::lock_guard lock(mutex);
      decoded[c] = std::move(out);
      ready[c] = true;
      decoded_cv.notify_all();
    }
  };
  std::thread first(decode), second(decode);
  Status status = Ok{};
  for (std::size_t c = 0; c < chunks && status; ++c) {
    std::vector<detail::DecodedRecord> chunk;
    {
      std::unique_lock lock(mutex);
      decoded_cv.wait(lock, [&] { return ready[c]; });
      chunk = std::move(decoded[c]);
    }
    status = store_.apply(chunk_of(c), chunk);
  }
  next = chunks;  // after a failure: the workers stop at their current chunk
  first.join();
  second.join();
  return status;
}

}  // namespace accord::store
