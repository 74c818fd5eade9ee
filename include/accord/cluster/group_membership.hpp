#pragma once
// The election: every eligible node is a member of one Kafka consumer group subscribed to
// a one-partition topic; the member the group coordinator assigns partition 0 is the
// writer. No home-made consensus: Kafka decides, and its session timeout bounds how long
// a dead or paused writer keeps the role (docs/high-availability.md).
//
// The member polls on its own thread, never reads records (the partition is paused as
// soon as it is assigned) and never commits offsets. The lease: an assignment counts as
// confirmed while the thread keeps polling without a gap; after a gap (the process was
// paused, or starved) it is unconfirmed until a heartbeat round has passed without the
// group revoking it, and it is gone at once on revoke/lost.
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "accord/cluster/writer_lease.hpp"
#include "accord/model/error.hpp"

namespace accord::cluster {

struct GroupOptions {
  std::string group_id = "schema-registry";        // schema.registry.group.id
  std::string topic = "_schemas";                  // must exist with one partition
  std::chrono::milliseconds session_timeout{10000};   // kafkagroup.session.timeout.ms
  std::chrono::milliseconds heartbeat_interval{3000};  // kafkagroup.heartbeat.interval.ms
  // bootstrap.servers and the pass-through client settings (security, ...).
  std::map<std::string, std::string> client_properties;
  std::string client_id = "accord-election";
};

class GroupMembership final : public WriterLease {
 public:
  explicit GroupMembership(GroupOptions options);
  ~GroupMembership() override;
  GroupMembership(const GroupMembership&) = delete;
  GroupMembership& operator=(const GroupMembership&) = delete;

  // Checks the settings and joins the group on the membership thread.
  Status start();
  // Leaves the group cleanly (so another member takes over without waiting for the
  // session timeout) and stops the thread.
  void stop();

  LeaseState state() const override;
  LeaseState wait_for_change(const LeaseState& seen, std::chrono::steady_clock::time_point until) const override;
  void step_down(uint64_t term, const std::string& reason) override;

  // Called from librdkafka's rebalance callback (on the membership thread).
  void on_assigned(bool writer_partition);
  void on_revoked(bool lost);

 private:
  struct Consumer;
  using Clock = std::chrono::steady_clock;
  void run();
  Status open_consumer();
  void close_consumer();
  void after_poll(Clock::time_point now);
  LeaseState state_locked(Clock::time_point now) const;

  GroupOptions options_;
  std::unique_ptr<Consumer> consumer_;
  std::thread thread_;
  std::mutex stop_mutex_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool stopping_ = false;
  bool assigned_ = false;
  bool leave_requested_ = false;
  uint64_t term_ = 0;
  Clock::time_point confirmed_at_{};
  Clock::time_point unconfirmed_until_{};  // after a polling gap
  Clock::time_point last_poll_{};
};

}  // namespace accord::cluster
