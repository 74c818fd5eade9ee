#include "accord/store/materializer.hpp"

#include <exception>
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
        decoded->version = key->version.value_or(0);
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
  auto decoded = detail::decode_records(records);
  return store_.apply(records, decoded);
}

}  // namespace accord::store
