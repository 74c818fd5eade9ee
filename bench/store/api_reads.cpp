// accord-bench-api-reads: the cost of answering GET /schemas/ids/{id} in the API alone (no
// HTTP, no sockets), on one thread, so that changes to the read path can be compared on a
// noisy machine:
//
//   accord-bench-api-reads --data-dir DIR [--reads 10000] [--cache-bytes 67108864]
//
// DIR is a node's data directory whose store is caught up (the node stopped). Shuffled ids
// over 1..max id are asked for three times in the same order: the first pass finds nothing
// cached (each answer read from the store), the second is the request that gets an answer
// admitted to the response cache, the third is answered from it as far as the answers fit
// in its quarter of --cache-bytes (the default 10,000 do). --cache-bytes is
// accord.cache.bytes, shared as a node shares it. Prints "<first ns> <second ns> <cached ns>
// <reads> <errors>".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "accord/api/api.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/model/errors.hpp"
#include "accord/store/state_store.hpp"

namespace {

// Reads only: a write would be a mistake of the benchmark.
class NoWriter final : public accord::cluster::Writer {
 public:
  accord::Result<accord::Offset> write(const accord::cluster::WritePlan&) override {
    return accord::errors::store_error("accord-bench-api-reads does not write");
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  long reads = 10000;
  std::size_t cache_bytes = 64u << 20;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--data-dir") dir = next();
    else if (arg == "--reads") reads = std::atol(next());
    else if (arg == "--cache-bytes") cache_bytes = std::strtoull(next(), nullptr, 10);
    else return std::fprintf(stderr, "usage: accord-bench-api-reads --data-dir DIR [--reads N] [--cache-bytes B]\n"), 2;
  }
  if (dir.empty()) return std::fprintf(stderr, "--data-dir is required\n"), 2;
  accord::store::StoreOptions store_options;
  store_options.block_cache_bytes = cache_bytes / 2;  // as `accord serve` divides accord.cache.bytes
  auto store = accord::store::StateStore::open(dir + "/store", store_options);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;
  NoWriter writer;
  accord::api::ApiOptions api_options;
  api_options.response_cache_bytes = cache_bytes / 4;
  api_options.parsed_cache_bytes = cache_bytes / 4;
  accord::api::Api api(**store, writer, api_options);

  std::vector<int> ids(static_cast<std::size_t>((*store)->max_id()));
  std::iota(ids.begin(), ids.end(), 1);
  std::shuffle(ids.begin(), ids.end(), std::mt19937(7));
  ids.resize(std::min<std::size_t>(ids.size(), static_cast<std::size_t>(reads)));
  std::vector<accord::api::Request> requests(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    requests[i].method = "GET";
    accord::api::parse_target("/schemas/ids/" + std::to_string(ids[i]), requests[i]);
  }
  long errors = 0;
  auto pass = [&] {
    const auto start = std::chrono::steady_clock::now();
    for (const auto& request : requests)
      if (api.handle(request).status != 200) ++errors;
    return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
           static_cast<double>(requests.size());
  };
  const double first = pass(), second = pass(), cached = pass();
  std::printf("%.0f %.0f %.0f %zu %ld\n", first, second, cached, requests.size(), errors);
  return errors == 0 ? 0 : 1;
}
