// libFuzzer target: the REST request path without sockets. The input holds up to 8 requests
// separated by NUL bytes, each "METHOD\nTARGET\nBODY"; they go through api::parse_target and
// Api::handle of a registry on an embedded log in a temporary directory (tmpfs when there is
// one: every write is fsync'd). The registry's state carries over from one input to the next,
// so sequences (register, then look up, delete, ...) build up across a run.
//
// Checked: no crash, no uncaught exception, an HTTP status in 200..599, a JSON body (with
// error_code and message for errors) unless the endpoint answers raw schema text, and never
// an internal error (500/50001) from a bad request.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unistd.h>

#include "accord/api/api.hpp"
#include "accord/api/request.hpp"
#include "accord/cluster/log_reader.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/log/local_log.hpp"
#include "accord/store/state_store.hpp"
#include "fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace accord;

struct Registry {
  fs::path dir;
  std::unique_ptr<log::SchemaLog> log;
  std::unique_ptr<store::StateStore> store;
  std::unique_ptr<cluster::LogReader> reader;
  std::unique_ptr<cluster::LogWriter> writer;
  std::unique_ptr<api::Api> api;

  ~Registry() {
    api.reset();
    writer.reset();
    reader.reset();
    store.reset();
    log.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

fs::path temp_base() {
  if (const char* base = std::getenv("ACCORD_FUZZ_TMP"); base != nullptr && *base != '\0') return base;
  std::error_code ec;
  if (fs::is_directory("/dev/shm", ec)) return "/dev/shm";
  return fs::temp_directory_path();
}

std::unique_ptr<Registry> open_registry() {
  auto r = std::make_unique<Registry>();
  r->dir = temp_base() / ("accord-fuzz-api-" + std::to_string(::getpid()));
  fs::remove_all(r->dir);
  fs::create_directories(r->dir);
  auto opened_log = log::open_local_log(r->dir / "log");
  FUZZ_CHECK(opened_log.ok(), "open_local_log: " + opened_log.error().message);
  r->log = std::move(opened_log).value();
  auto opened_store = store::StateStore::open(r->dir / "store");
  FUZZ_CHECK(opened_store.ok(), "StateStore::open: " + opened_store.error().message);
  r->store = std::move(opened_store).value();
  r->reader = std::make_unique<cluster::LogReader>(*r->log, *r->store);
  FUZZ_CHECK(r->reader->start().ok(), "LogReader::start");
  cluster::WriterOptions options;
  options.timeout = std::chrono::seconds(30);
  r->writer = std::make_unique<cluster::LogWriter>(*r->log, *r->store, options);
  r->api = std::make_unique<api::Api>(*r->store, *r->writer, api::ApiOptions{});
  return r;
}

Registry* fuzzed_registry = nullptr;

void close_registry() {
  delete fuzzed_registry;
  fuzzed_registry = nullptr;
}

void handle_one(std::string_view text) {
  const auto first = text.find('\n');
  if (first == std::string_view::npos) return;
  const auto second = text.find('\n', first + 1);
  api::Request request;
  request.method = std::string(text.substr(0, first));
  const std::string_view target =
      second == std::string_view::npos ? text.substr(first + 1) : text.substr(first + 1, second - first - 1);
  if (second != std::string_view::npos) request.body = std::string(text.substr(second + 1));
  if (!api::parse_target(target, request)) return;  // the HTTP layer answers 400 itself

  const api::Response response = fuzzed_registry->api->handle(request);
  const std::string where = request.method + " " + std::string(target) + "\nbody: " + request.body +
                            "\nstatus: " + std::to_string(response.status) + "\nresponse: " + response.body;
  FUZZ_CHECK(response.status >= 200 && response.status <= 599, where);
  if (response.raw_text) {
    FUZZ_CHECK(response.status == 200, where);
    return;
  }
  if (response.status == 204) {  // No Content (DELETE /contexts/{context}): nothing to parse
    FUZZ_CHECK(response.body.empty(), where);
    return;
  }
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  FUZZ_CHECK(!body.is_discarded(), "response is not JSON\n" + where);
  if (response.status >= 400) {
    FUZZ_CHECK(body.is_object() && body.contains("error_code") && body.contains("message"), where);
    const auto code = body["error_code"];
    FUZZ_CHECK(code.is_number_integer(), where);
    // 50002 (a timeout waiting for the local store) can happen on a loaded machine; a 500
    // or 50001 means a bad request reached an internal failure.
    FUZZ_CHECK(code.get<int64_t>() != 500 && code.get<int64_t>() != 50001, "internal error\n" + where);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  fuzzed_registry = open_registry().release();
  std::atexit(close_registry);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < 8 && !input.empty(); ++i) {
    const auto [request, rest] = accord::fuzz::split_first(input, '\0');
    if (request.empty() && rest.size() == input.size()) {  // no NUL: the whole input is one request
      handle_one(input);
      break;
    }
    handle_one(request);
    input = rest;
  }
  return 0;
}
