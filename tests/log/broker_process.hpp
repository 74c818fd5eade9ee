#pragma once
// Runs accord-test-broker as a child process and talks to its command channel.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace accord::log::testing {

class BrokerProcess {
 public:
  explicit BrokerProcess(const std::vector<std::string>& args);
  ~BrokerProcess();
  BrokerProcess(const BrokerProcess&) = delete;
  BrokerProcess& operator=(const BrokerProcess&) = delete;

  const std::string& bootstrap_servers() const { return bootstrap_; }
  // Sends one command and returns its answer line ("ok" or "error ...").
  std::string command(const std::string& line);

 private:
  std::string read_line(std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
  std::string buffer_;
  std::string bootstrap_;
};

}  // namespace accord::log::testing
