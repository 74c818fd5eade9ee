#include "kafka_appender.hpp"

#include <deque>

#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"

namespace accord::log::kafka {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  return to_ms(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

// The outcome of one message, filled by the delivery report callback.
struct Delivery {
  bool reported = false;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  Offset offset{-1};
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  auto* delivery = static_cast<Delivery*>(message->_private);
  delivery->reported = true;
  delivery->err = message->err;
  delivery->offset = Offset{message->offset};
}

// A newer writer's producer took over the transactional id, or this producer can no longer
// be used: the writer must step down (cluster/elected_writer.cpp), whatever the text says.
bool fences(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__FENCED || err == RD_KAFKA_RESP_ERR_PRODUCER_FENCED ||
         err == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH || err == RD_KAFKA_RESP_ERR__FATAL;
}

Error from_kafka(rd_kafka_resp_err_t err, const std::string& topic) {
  const std::string text = "Failed to append to " + topic + ": " + rd_kafka_err2name(err) + ": " + rd_kafka_err2str(err);
  if (fences(err)) return errors::producer_fenced(text);
  if (err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT || err == RD_KAFKA_RESP_ERR__TIMED_OUT ||
      err == RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT) {
    return errors::operation_timeout(text);
  }
  return errors::store_error(text);
}

Error from_kafka(rd_kafka_error_t* error, const std::string& what) {
  const std::string text = what + ": " + rd_kafka_error_name(error) + ": " + rd_kafka_error_string(error);
  const auto code = rd_kafka_error_code(error);
  const bool fatal = rd_kafka_error_is_fatal(error);
  rd_kafka_error_destroy(error);
  if (fatal || fences(code)) return errors::producer_fenced(text);
  if (code == RD_KAFKA_RESP_ERR__TIMED_OUT) return errors::operation_timeout(text);
  return errors::store_error(text);
}

}  // namespace

struct Appender::Producer {
  // Delivery slots of abandoned appends: librdkafka may still report on them until the
  // handle is gone, so they are declared first and destroyed last.
  std::deque<std::unique_ptr<std::vector<Delivery>>> abandoned;
  Handle handle;
  bool transactions_ready = false;
  // False once a failure left the producer unusable (fatal error, or a transaction that
  // could not be aborted): it is then recreated before the next append.
  bool reusable = true;
};

Appender::Appender(KafkaLogOptions options) : options_(std::move(options)) {}
Appender::~Appender() = default;

Result<Appender::Producer*> Appender::producer(Clock::time_point deadline, bool init_transactions) {
  if (!producer_) {
    auto conf = make_conf(options_, Role::Producer);
    if (!conf) return conf.error();
    rd_kafka_conf_set_dr_msg_cb(*conf, on_delivery);
    auto handle = make_handle(*conf, Role::Producer);
    if (!handle) return handle.error();
    producer_ = std::make_unique<Producer>();
    producer_->handle = std::move(handle).value();
  }
  if (init_transactions && !options_.transactional_id.empty() && !producer_->transactions_ready) {
    // Fences any older producer with the same transactional.id.
    if (rd_kafka_error_t* error = rd_kafka_init_transactions(producer_->handle.get(), std::max(1, remaining_ms(deadline)))) {
      producer_.reset();
      return from_kafka(error, "Cannot initialise transactions on " + options_.topic);
    }
    producer_->transactions_ready = true;
  }
  return producer_.get();
}

void Appender::warm_up(Clock::time_point deadline) {
  std::lock_guard lock(mutex_);
  auto p = producer(deadline, false);
  if (!p) {
    spdlog::warn("Kafka producer not ready: {}", p.error().message);
    return;
  }
  rd_kafka_t* rk = (*p)->handle.get();
  // The topic exists (checked before), so naming it in a metadata request is safe.
  rd_kafka_topic_t* topic = rd_kafka_topic_new(rk, options_.topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  const auto err = rd_kafka_metadata(rk, 0, topic, &metadata, std::max(1, remaining_ms(deadline)));
  if (metadata) rd_kafka_metadata_destroy(metadata);
  rd_kafka_topic_destroy(topic);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) spdlog::warn("Kafka producer not connected yet: {}", rd_kafka_err2str(err));
}

Result<SchemaLog::Appended> Appender::append(std::span<const Record> batch) {
  auto deadline = Clock::now() + options_.timeout;
  std::lock_guard lock(mutex_);
  if (batch.empty()) return errors::store_error("Nothing to append");
  // A producer that must first connect and initialise transactions gets the start-up budget
  // (bounded to 10 s): on a broker that just came back, one kafkastore.timeout.ms is not
  // enough for init_transactions plus the first commit, and the writer would never recover.
  if (!producer_ || (!options_.transactional_id.empty() && !producer_->transactions_ready))
    deadline = std::max(deadline, Clock::now() + std::min<std::chrono::milliseconds>(options_.init_timeout,
                                                                                     std::chrono::seconds(10)));
  auto p = producer(deadline);
  if (!p) {
    last_appended_ = Offset{-1};
    return p.error();
  }
  auto result = produce(**p, batch, deadline);
  if (!result) {
    last_appended_ = Offset{-1};  // an aborted transaction leaves records and a marker behind
    // A transactional producer whose failed transaction was aborted stays usable: recreating
    // it would cost a fresh init_transactions, which on a recovering broker may not fit into
    // one kafkastore.timeout.ms, so the writer would never get an append through again.
    if ((*p)->reusable && !options_.transactional_id.empty()) {
      spdlog::warn("{}; the transaction was aborted", result.error().message);
    } else {
      spdlog::warn("{}; the producer is recreated before the next append", result.error().message);
      producer_.reset();
    }
    return result.error();
  }
  // Ours alone: contiguous offsets right after the previous append's last record, or
  // after its transaction's commit marker. Anything else, e.g. a record of another
  // producer in between, and the caller reads the records back as usual.
  auto& stored = *result;
  const Offset first = stored.front().offset;
  bool own = false;
  if (last_appended_ >= 0 && first == last_appended_ + 1) {
    own = true;
    // Back to back transactions: this broker writes no commit markers (the mock cluster);
    // from now on a gap of one offset is somebody else's record.
    if (!options_.transactional_id.empty()) commit_markers_ = false;
  } else if (last_appended_ >= 0 && first == last_appended_ + 2) {
    own = !options_.transactional_id.empty() && commit_markers_;
  }
  for (std::size_t i = 1; own && i < stored.size(); ++i) own = stored[i].offset == stored[i - 1].offset + 1;
  last_appended_ = stored.back().offset;
  SchemaLog::Appended appended{stored.back().offset, {}};
  if (own) appended.own_records = std::move(stored);
  return appended;
}

Result<std::vector<StoredRecord>> Appender::produce(Producer& p, std::span<const Record> batch,
                                                      Clock::time_point deadline) {
  rd_kafka_t* rk = p.handle.get();
  const bool transactional = !options_.transactional_id.empty();
  auto deliveries = std::make_unique<std::vector<Delivery>>(batch.size());
  // On any failure, purge what is queued and keep the slots alive for late reports.
  auto fail = [&](Error error) -> Result<std::vector<StoredRecord>> {
    rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT | RD_KAFKA_PURGE_F_NON_BLOCKING);
    if (transactional) {
      // Bounded: an aborted transaction is invisible to read_committed readers.
      if (rd_kafka_error_t* e = rd_kafka_abort_transaction(rk, std::max(1000, remaining_ms(deadline)))) {
        p.reusable = false;
        rd_kafka_error_destroy(e);
      }
    }
    if (rd_kafka_fatal_error(rk, nullptr, 0) != RD_KAFKA_RESP_ERR_NO_ERROR) p.reusable = false;
    p.abandoned.push_back(std::move(deliveries));
    return error;
  };

  // Set, not left to librdkafka, so that the records this append returns carry the
  // timestamp readers will see (CreateTime, the topic default). A delivery report's
  // LogAppendTime is not used: the mock cluster reports a placeholder there.
  const int64_t timestamp_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (transactional) {
    if (rd_kafka_error_t* error = rd_kafka_begin_transaction(rk)) {
      return fail(from_kafka(error, "Cannot begin a transaction on " + options_.topic));
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Record& record = batch[i];
    rd_kafka_headers_t* headers = nullptr;
    if (!record.headers.empty()) {
      headers = rd_kafka_headers_new(record.headers.size());
      for (const auto& [name, value] : record.headers) {
        rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), value.data(), value.size());
      }
    }
    // A null pointer is a null key/value (tombstone); an empty string stays an empty value.
    static const char kEmpty = 0;
    const void* key = record.key ? (record.key->empty() ? &kEmpty : record.key->data()) : nullptr;
    const void* value = record.value ? (record.value->empty() ? &kEmpty : record.value->data()) : nullptr;
    const std::size_t key_size = record.key ? record.key->size() : 0;
    const std::size_t value_size = record.value ? record.value->size() : 0;
    const auto err = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(options_.topic.c_str()), RD_KAFKA_V_PARTITION(0),
        RD_KAFKA_V_KEY(const_cast<void*>(key), key_size),
        RD_KAFKA_V_VALUE(const_cast<void*>(value), value_size),
        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_TIMESTAMP(timestamp_ms),
        RD_KAFKA_V_OPAQUE(&(*deliveries)[i]), RD_KAFKA_V_END);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (headers) rd_kafka_headers_destroy(headers);  // ownership passes only on success
      return fail(from_kafka(err, options_.topic));
    }
  }

  if (transactional) {
    // Commit flushes the messages; an error in any of them fails the commit.
    if (rd_kafka_error_t* error = rd_kafka_commit_transaction(rk, std::max(1, remaining_ms(deadline)))) {
      return fail(from_kafka(error, "Cannot commit the append to " + options_.topic));
    }
    rd_kafka_poll(rk, 0);  // serve the delivery reports of the committed messages
  } else {
    // Our own deadline: a down leader is reported by librdkafka only seconds later.
    while (rd_kafka_outq_len(rk) > 0 && remaining_ms(deadline) > 0) rd_kafka_flush(rk, remaining_ms(deadline));
  }
  std::vector<StoredRecord> stored;
  stored.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Delivery& d = (*deliveries)[i];
    if (!d.reported) {
      return fail(errors::operation_timeout("Append to " + options_.topic + " not acknowledged within " +
                                            std::to_string(options_.timeout.count()) + " ms (kafkastore.timeout.ms)"));
    }
    if (d.err != RD_KAFKA_RESP_ERR_NO_ERROR) return fail(from_kafka(d.err, options_.topic));
    stored.push_back(StoredRecord{d.offset, batch[i], timestamp_ms});
  }
  return stored;
}

}  // namespace accord::log::kafka
