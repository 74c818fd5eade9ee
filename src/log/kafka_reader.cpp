#include "kafka_reader.hpp"

#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"

namespace accord::log::kafka {
namespace {

using Clock = std::chrono::steady_clock;

struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};
using Message = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

std::optional<std::string> bytes_of(const void* data, size_t size) {
  if (!data) return std::nullopt;
  return std::string(static_cast<const char*>(data), size);
}

StoredRecord to_record(const rd_kafka_message_t* m) {
  StoredRecord stored;
  stored.offset = Offset{m->offset};
  rd_kafka_timestamp_type_t type;
  const int64_t ts = rd_kafka_message_timestamp(m, &type);
  stored.timestamp_ms = ts > 0 ? ts : 0;
  stored.record.key = bytes_of(m->key, m->key_len);
  stored.record.value = bytes_of(m->payload, m->len);
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR && headers) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      stored.record.headers.emplace_back(name, value ? std::string(static_cast<const char*>(value), size) : "");
    }
  }
  return stored;
}

// Errors that no amount of waiting fixes: the caller must hear about them.
bool is_permanent(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC || err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION ||
         err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
         err == RD_KAFKA_RESP_ERR__FATAL;
}

bool is_out_of_range(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET || err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE;
}

}  // namespace

Result<std::unique_ptr<Reader>> Reader::open(const KafkaLogOptions& options) {
  auto conf = make_conf(options, Role::Reader);
  if (!conf) return conf.error();
  auto handle = make_handle(*conf, Role::Reader);
  if (!handle) return handle.error();
  return std::unique_ptr<Reader>(new Reader(options, std::move(handle).value()));
}

Status Reader::assign(Offset from) {
  PartitionList list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), options_.topic.c_str(), 0)->offset = from;
  if (const auto err = rd_kafka_assign(handle_.get(), list.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    position_ = Offset{-1};
    return errors::store_error("Cannot read " + options_.topic + ": " + rd_kafka_err2str(err));
  }
  position_ = from;
  return Ok{};
}

Result<ReadBatch> Reader::read(Offset from, std::chrono::milliseconds max_wait, std::size_t max_records,
                               std::size_t max_bytes) {
  const auto deadline = Clock::now() + max_wait;
  std::lock_guard lock(mutex_);
  if (from < 0) return offset_out_of_range(from, Offset{0}, Offset{-1});
  if (from != position_) {
    if (auto s = assign(from); !s) return s.error();
  }
  ReadBatch batch;
  batch.next_offset = from;
  std::size_t bytes = 0;
  while (batch.records.size() < max_records && bytes < max_bytes) {
    // Wait only while nothing arrived; once records are here, take what is buffered.
    const int wait_ms =
        batch.records.empty()
            ? to_ms(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()))
            : 0;
    Message m(rd_kafka_consumer_poll(handle_.get(), wait_ms));
    if (!m) {
      if (!batch.records.empty() || Clock::now() >= deadline) break;
      continue;
    }
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      // The offset of an EOF is the high watermark: everything below it has been seen.
      batch.next_offset = std::max(batch.next_offset, static_cast<Offset>(m->offset));
      if (!batch.records.empty()) break;
      continue;
    }
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (is_out_of_range(m->err)) {
        position_ = Offset{-1};
        auto marks = watermarks();
        return offset_out_of_range(from, marks ? marks->first : Offset{-1}, marks ? marks->second : Offset{-1});
      }
      if (is_permanent(m->err)) {
        position_ = Offset{-1};
        return errors::store_error("Cannot read " + options_.topic + ": " + rd_kafka_message_errstr(m.get()));
      }
      spdlog::debug("Reading {}: {}", options_.topic, rd_kafka_message_errstr(m.get()));
      continue;
    }
    if (m->offset < batch.next_offset) continue;  // left over from before a re-assign
    bytes += m->key_len + m->len;
    batch.records.push_back(to_record(m.get()));
    batch.next_offset = Offset{m->offset + 1};
  }
  // The consumer hands out messages in order, so a read from next_offset simply continues.
  position_ = batch.next_offset;
  return batch;
}

Result<std::pair<Offset, Offset>> Reader::watermarks() {
  int64_t low = 0, high = 0;
  const auto err = rd_kafka_query_watermark_offsets(handle_.get(), options_.topic.c_str(), 0, &low, &high,
                                                    std::max(1, to_ms(options_.timeout)));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    const std::string text = "Cannot read the offsets of " + options_.topic + ": " + rd_kafka_err2str(err);
    if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) return errors::operation_timeout(text);
    return errors::store_error(text);
  }
  return std::pair<Offset, Offset>{low, high};
}

}  // namespace accord::log::kafka
