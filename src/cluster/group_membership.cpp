#include "accord/cluster/group_membership.hpp"

#include <algorithm>

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"

namespace accord::cluster {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPollMs = 100;

void forward_log(const rd_kafka_t*, int level, const char* facility, const char* message) {
  // The shared kafkastore.* pass-through settings include producer properties.
  if (std::string_view(facility) == "CONFWARN") level = 7;
  const auto spd = level <= 3 ? spdlog::level::err
                   : level == 4 ? spdlog::level::warn
                   : level <= 6 ? spdlog::level::info
                                : spdlog::level::debug;
  spdlog::log(spd, "election {}: {}", facility, message);
}

bool holds_writer_partition(const rd_kafka_topic_partition_list_t* partitions) {
  for (int i = 0; i < partitions->cnt; ++i)
    if (partitions->elems[i].partition == 0) return true;
  return false;
}

// Cooperative (incremental) rebalancing: a member joining or leaving does not take the
// partition from the writer that holds it, so writes go on and a restarted node rejoins
// as a follower. Only the partitions named in the callback change hands.
void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<GroupMembership*>(opaque);
  rd_kafka_error_t* error = nullptr;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    for (int i = 0; i < partitions->cnt; ++i) partitions->elems[i].offset = RD_KAFKA_OFFSET_END;
    // Owning the partition is the role; its records are read by the store's own reader.
    error = rd_kafka_incremental_assign(rk, partitions);
    if (!error && partitions->cnt > 0) rd_kafka_pause_partitions(rk, partitions);
    if (!error && holds_writer_partition(partitions)) self->on_assigned(true);
  } else {
    if (holds_writer_partition(partitions)) self->on_revoked(rd_kafka_assignment_lost(rk) == 1);
    error = rd_kafka_incremental_unassign(rk, partitions);
  }
  if (error) {
    spdlog::error("election rebalance: {}", rd_kafka_error_string(error));
    rd_kafka_error_destroy(error);
  }
}

}  // namespace

struct GroupMembership::Consumer {
  rd_kafka_t* rk = nullptr;
  ~Consumer() {
    if (rk) rd_kafka_destroy(rk);
  }
};

GroupMembership::GroupMembership(GroupOptions options) : options_(std::move(options)) {}

GroupMembership::~GroupMembership() { stop(); }

Status GroupMembership::open_consumer() {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_log_cb(conf, forward_log);
  char errstr[512];
  auto set = [&](const std::string& name, const std::string& value) -> Status {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK)
      return errors::store_error("Invalid Kafka setting for the leader election " + name + "=" + value + ": " + errstr);
    return Ok{};
  };
  std::map<std::string, std::string> settings = options_.client_properties;
  // What the election requires, whatever the pass-through says. One fixed assignment
  // strategy on every node: members with different strategies cannot share a group.
  const std::map<std::string, std::string> required = {
      {"group.id", options_.group_id},
      {"client.id", options_.client_id},
      {"session.timeout.ms", std::to_string(options_.session_timeout.count())},
      {"heartbeat.interval.ms", std::to_string(options_.heartbeat_interval.count())},
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"enable.partition.eof", "false"},
      {"auto.offset.reset", "latest"},
  };
  for (const auto& [name, value] : required) settings[name] = value;
  settings.erase("group.instance.id");  // static membership would delay every takeover
  for (const auto& [name, value] : settings) {
    if (auto s = set(name, value); !s) {
      rd_kafka_conf_destroy(conf);
      return s;
    }
  }
  rd_kafka_conf_set_rebalance_cb(conf, on_rebalance);
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return errors::store_error(std::string("Cannot create the leader election client: ") + errstr);
  }
  auto consumer = std::make_unique<Consumer>();
  consumer->rk = rk;
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, options_.topic.c_str(), RD_KAFKA_PARTITION_UA);
  const auto err = rd_kafka_subscribe(rk, topics);
  rd_kafka_topic_partition_list_destroy(topics);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return errors::store_error("Cannot join the leader election group " + options_.group_id + ": " + rd_kafka_err2str(err));
  consumer_ = std::move(consumer);
  return Ok{};
}

void GroupMembership::close_consumer() {
  if (!consumer_) return;
  // Leaves the group (LeaveGroup): the others rebalance at once instead of waiting for
  // the session to expire. The revoke callback runs inside.
  if (const auto err = rd_kafka_consumer_close(consumer_->rk); err != RD_KAFKA_RESP_ERR_NO_ERROR)
    spdlog::warn("leaving the election group: {}", rd_kafka_err2str(err));
  consumer_.reset();
  std::lock_guard lock(mutex_);
  assigned_ = false;
  changed_.notify_all();
}

Status GroupMembership::start() {
  if (auto s = open_consumer(); !s) return s;
  last_poll_ = Clock::now();
  thread_ = std::thread([this] { run(); });
  spdlog::info("joined the leader election: group {}, topic {}, session timeout {} ms, heartbeat {} ms",
               options_.group_id, options_.topic, options_.session_timeout.count(), options_.heartbeat_interval.count());
  return Ok{};
}

void GroupMembership::stop() {
  // The signal thread and the main thread may both stop it.
  std::lock_guard stopping(stop_mutex_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  close_consumer();
}

void GroupMembership::run() {
  for (;;) {
    bool leave = false;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      leave = leave_requested_;
    }
    if (leave) {
      close_consumer();
      // Stay out for a session timeout so that another member can take the role.
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, options_.session_timeout, [&] { return stopping_; });
      leave_requested_ = false;
      if (stopping_) return;
      lock.unlock();
      if (auto s = open_consumer(); !s) spdlog::error("{}", s.error().message);
      std::lock_guard relock(mutex_);
      last_poll_ = Clock::now();
      continue;
    }
    if (!consumer_) {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
      lock.unlock();
      if (auto s = open_consumer(); !s) spdlog::error("{}", s.error().message);
      continue;
    }
    rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer_->rk, kPollMs);
    bool fatal = false;
    if (message) {
      if (message->err) {
        fatal = message->err == RD_KAFKA_RESP_ERR__FATAL;
        spdlog::log(fatal ? spdlog::level::err : spdlog::level::debug, "election: {}",
                    rd_kafka_message_errstr(message));
      }
      rd_kafka_message_destroy(message);
    }
    after_poll(Clock::now());
    if (fatal) {
      std::lock_guard lock(mutex_);
      leave_requested_ = true;
    }
  }
}

void GroupMembership::after_poll(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const LeaseState before = state_locked(now);
  // A gap between two polls means this process did not run (SIGSTOP, starvation): the
  // group may have moved on meanwhile and librdkafka reports that only once it runs again.
  // Until a heartbeat round has passed without a revoke, the membership is unconfirmed.
  const auto gap_limit = std::clamp(options_.heartbeat_interval / 2, std::chrono::milliseconds(300),
                                    std::max(std::chrono::milliseconds(300), options_.session_timeout / 3));
  if (now - last_poll_ > gap_limit) {
    unconfirmed_until_ = now + options_.heartbeat_interval + std::chrono::milliseconds(500);
    if (assigned_)
      spdlog::warn("election: no poll for {} ms; the writer role is unconfirmed until the group answers",
                   std::chrono::duration_cast<std::chrono::milliseconds>(now - last_poll_).count());
  }
  last_poll_ = now;
  if (assigned_ && now >= unconfirmed_until_) confirmed_at_ = now;
  if (state_locked(now) != before) changed_.notify_all();
}

LeaseState GroupMembership::state_locked(Clock::time_point now) const {
  LeaseState state;
  state.term = term_;
  state.elected = assigned_ && !leave_requested_;
  state.confirmed = state.elected && now >= unconfirmed_until_ && now - confirmed_at_ < options_.session_timeout;
  return state;
}

LeaseState GroupMembership::state() const {
  std::lock_guard lock(mutex_);
  return state_locked(Clock::now());
}

LeaseState GroupMembership::wait_for_change(const LeaseState& seen, Clock::time_point until) const {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = Clock::now();
    const LeaseState current = state_locked(now);
    if (current != seen || now >= until) return current;
    if (stopping_) {  // nothing changes any more: just wait out the caller's bound
      changed_.wait_until(lock, until);
      return state_locked(Clock::now());
    }
    // The lease also lapses with time alone, without a notification.
    changed_.wait_until(lock, std::min(until, now + std::chrono::milliseconds(50)));
  }
}

void GroupMembership::step_down(uint64_t term, const std::string& reason) {
  {
    std::lock_guard lock(mutex_);
    if (term != term_ || !assigned_ || leave_requested_) return;
    leave_requested_ = true;
  }
  spdlog::warn("stepping down as writer (term {}): {}", term, reason);
  changed_.notify_all();
}

void GroupMembership::on_assigned(bool writer_partition) {
  std::lock_guard lock(mutex_);
  assigned_ = writer_partition && !leave_requested_;
  if (assigned_) {
    ++term_;
    confirmed_at_ = Clock::now();
    spdlog::info("elected writer by group {} (term {})", options_.group_id, term_);
  }
  changed_.notify_all();
}

void GroupMembership::on_revoked(bool lost) {
  std::lock_guard lock(mutex_);
  if (assigned_) spdlog::warn("writer role {} (term {})", lost ? "lost" : "revoked", term_);
  assigned_ = false;
  changed_.notify_all();
}

}  // namespace accord::cluster
