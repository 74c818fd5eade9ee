#pragma once
// Accepts connections and hands each to a Session; above max_connections the session only
// answers 503 and closes. Connections are spread round-robin over the io contexts, one
// per io thread, so a connection lives on one thread and needs no strand or lock.
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

#include "server_state.hpp"

namespace accord::http {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Accepts on contexts[0]; every context must outlive the listener.
  Listener(std::vector<boost::asio::io_context*> contexts, std::shared_ptr<ServerState> state);
  // Error text, empty on success.
  std::string bind(const std::string& host, uint16_t port);
  uint16_t port() const;
  void start();
  void stop();

 private:
  void accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  std::vector<boost::asio::io_context*> contexts_;
  std::size_t next_context_ = 0;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;
  std::shared_ptr<ServerState> state_;
};

}  // namespace accord::http
