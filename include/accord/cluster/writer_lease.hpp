#pragma once
// What the write path asks the election: may this node append right now? Implemented by
// GroupMembership (Kafka's group coordinator); tests drive the writer with a fake.
#include <chrono>
#include <cstdint>
#include <string>

namespace accord::cluster {

struct LeaseState {
  // The group assigned this node the writer's partition and it has not stepped down since.
  bool elected = false;
  // Elected, and the group confirmed the membership less than a session timeout ago
  // (monotonic clock). Appends happen only while this holds.
  bool confirmed = false;
  // Grows with every assignment: a new term means a new election, so a new catch-up.
  uint64_t term = 0;
  bool operator==(const LeaseState&) const = default;
};

class WriterLease {
 public:
  virtual ~WriterLease() = default;
  virtual LeaseState state() const = 0;
  // Returns as soon as state() differs from `seen`, or at `until`, with the state then.
  virtual LeaseState wait_for_change(const LeaseState& seen, std::chrono::steady_clock::time_point until) const = 0;
  // Gives the role up at once (e.g. the producer was fenced): `elected` turns false for
  // `term` and the node leaves the group so another member can take over.
  virtual void step_down(uint64_t term, const std::string& reason) = 0;
};

}  // namespace accord::cluster
