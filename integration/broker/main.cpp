// accord-test-broker: starts librdkafka's mock cluster, prints its bootstrap servers as the
// first stdout line, and serves until SIGTERM/SIGINT or stdin EOF. Commands on stdin, see
// --help and command_channel.hpp.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "command_channel.hpp"

namespace {

constexpr const char* kUsage = R"(usage: accord-test-broker [--brokers N] [--topic NAME:PARTITIONS]... [--command-port PORT]

Starts librdkafka's mock Kafka cluster on 127.0.0.1 with N brokers (default 1, ids 1..N),
creates the given topics with exactly that many partitions, and prints the bootstrap
servers as the first line on stdout. Serves until SIGTERM, SIGINT or end of stdin.

--command-port PORT also takes the commands below over TCP on 127.0.0.1:PORT (0: any free
port), one answer line per command line, and prints `command 127.0.0.1:PORT` as the second
stdout line; end of stdin then no longer stops the broker. For a broker started by hand
that tests use as an external one (ACCORD_TEST_BOOTSTRAP, integration/real-kafka.sh).

Commands on stdin, one per line; each is answered with `ok` or `error <why>`:
  topic NAME PARTITIONS            create a topic
  down BROKERID | up BROKERID      take a broker down / bring it back (log kept)
  rtt BROKERID MS                  add round-trip delay to a broker
  err APIKEY ERRCODE [ERRCODE...]  fail the next requests of that API key, one code each
)";

struct Options {
  int brokers = 1;
  int command_port = -1;  // -1: commands on stdin only
  std::vector<std::pair<std::string, int>> topics;
};

bool parse_positive(std::string_view text, int& out) {
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size() && out >= 1;
}

// Returns false with a message on stderr when the arguments are wrong.
bool parse_options(int argc, char** argv, Options& options, bool& help) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
      return true;
    }
    if ((arg == "--brokers" || arg == "--topic" || arg == "--command-port") && i + 1 >= argc) {
      std::cerr << arg << " needs a value\n";
      return false;
    }
    if (arg == "--brokers") {
      if (!parse_positive(argv[++i], options.brokers)) {
        std::cerr << "--brokers needs a positive number\n";
        return false;
      }
    } else if (arg == "--command-port") {
      const std::string_view text = argv[++i];
      const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), options.command_port);
      if (ec != std::errc() || p != text.data() + text.size() || options.command_port < 0 ||
          options.command_port > 65535) {
        std::cerr << "--command-port needs a port number (0: any free port)\n";
        return false;
      }
    } else if (arg == "--topic") {
      const std::string spec = argv[++i];
      const auto colon = spec.rfind(':');
      int partitions = 0;
      if (colon == std::string::npos || colon == 0 ||
          !parse_positive(std::string_view(spec).substr(colon + 1), partitions)) {
        std::cerr << "--topic needs NAME:PARTITIONS, got " << spec << "\n";
        return false;
      }
      options.topics.emplace_back(spec.substr(0, colon), partitions);
    } else {
      std::cerr << "unknown argument " << arg << "\n" << kUsage;
      return false;
    }
  }
  return true;
}

void reply(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

// A listening socket on 127.0.0.1:port; the port actually bound, or -1 with errno set.
int listen_loopback(int port, int& bound_port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), length) < 0 || listen(fd, 8) < 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) < 0) {
    close(fd);
    return -1;
  }
  bound_port = ntohs(address.sin_port);
  return fd;
}

// Takes complete lines out of `pending` and runs each as a command; `answer` gets the replies.
template <class Answer>
void run_lines(std::string& pending, rd_kafka_mock_cluster_t* cluster, int brokers, Answer answer) {
  for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
    std::string line = pending.substr(0, nl);
    pending.erase(0, nl + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    answer(accord::test_broker::run_command(cluster, brokers, line));
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  bool help = false;
  if (!parse_options(argc, argv, options, help)) return 2;
  if (help) {
    std::fputs(kUsage, stdout);
    return 0;
  }

  // Signals are taken through a signalfd, so they must be blocked before librdkafka
  // starts its threads (which inherit the mask).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const int signal_fd = signalfd(-1, &signals, SFD_CLOEXEC);

  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!handle) {
    std::cerr << "cannot create the librdkafka handle: " << errstr << "\n";
    return 1;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(handle, options.brokers);
  if (!cluster) {
    std::cerr << "cannot start the mock cluster\n";
    rd_kafka_destroy(handle);
    return 1;
  }
  for (const auto& [name, partitions] : options.topics) {
    const std::string result = accord::test_broker::create_topic(cluster, name, partitions);
    if (result != "ok") {
      std::cerr << "cannot create topic " << name << ": " << result << "\n";
      rd_kafka_mock_cluster_destroy(cluster);
      rd_kafka_destroy(handle);
      return 1;
    }
  }
  reply(rd_kafka_mock_cluster_bootstraps(cluster));
  int listen_fd = -1;
  if (options.command_port >= 0) {
    int port = 0;
    listen_fd = listen_loopback(options.command_port, port);
    if (listen_fd < 0) {
      std::cerr << "cannot listen on 127.0.0.1:" << options.command_port << ": " << std::strerror(errno) << "\n";
      rd_kafka_mock_cluster_destroy(cluster);
      rd_kafka_destroy(handle);
      return 1;
    }
    reply("command 127.0.0.1:" + std::to_string(port));
  }

  std::string pending;
  std::map<int, std::string> clients;  // command connections and their unfinished lines
  bool stdin_open = true;
  bool running = true;
  while (running) {
    std::vector<pollfd> fds = {{signal_fd, POLLIN, 0}, {stdin_open ? STDIN_FILENO : -1, POLLIN, 0},
                               {listen_fd, POLLIN, 0}};
    for (const auto& client : clients) fds.push_back({client.first, POLLIN, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents & POLLIN) {
      signalfd_siginfo info{};
      if (read(signal_fd, &info, sizeof info) > 0 && info.ssi_signo != SIGPIPE) running = false;
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[4096];
      const ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        stdin_open = false;
        // EOF: the test that started us is gone, unless commands come over TCP.
        if (listen_fd < 0) running = false;
      } else {
        pending.append(buffer, static_cast<std::size_t>(n));
      }
      run_lines(pending, cluster, options.brokers, reply);
    }
    if (fds[2].revents & POLLIN) {
      const int client = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (client >= 0) clients.emplace(client, std::string());
    }
    for (std::size_t i = 3; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const int client = fds[i].fd;
      char buffer[4096];
      const ssize_t n = read(client, buffer, sizeof buffer);
      if (n <= 0) {
        close(client);
        clients.erase(client);
        continue;
      }
      std::string& unfinished = clients[client];
      unfinished.append(buffer, static_cast<std::size_t>(n));
      run_lines(unfinished, cluster, options.brokers, [client](const std::string& answer) {
        const std::string line = answer + "\n";
        // SIGPIPE is blocked: a client gone meanwhile only fails this send.
        (void)!send(client, line.data(), line.size(), MSG_NOSIGNAL);
      });
    }
  }
  for (const auto& client : clients) close(client.first);
  if (listen_fd >= 0) close(listen_fd);
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(handle);
  return 0;
}
