// accord-bench-loggen: writes a `_schemas` log of N Avro schemas across M subjects straight
// into an embedded log (the same records the REST API would append), so the scale benchmark
// does not spend an fsync per registration. The node started on the directory applies the
// log at its first start (= rebuild measurement); the second start finds an intact store.
//
//   accord-bench-loggen --data-dir DIR --schemas 100000 --subjects 10000 [--batch 1000] [--governance 1]
//                       [--shared-fields F]
//
// --governance 1 gives every schema Confluent metadata.properties (owner, producers,
// consumers, description) drawn from 30 teams and services, for the catalog benchmark.
// --shared-fields F writes one large schema (a record of F optional fields) registered by
// every subject instead: N records that all carry id 1, as when many topics share one
// envelope (the case behind Confluent's out-of-memory reports).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/log/local_log.hpp"

namespace {

// Version v of subject s: a record whose fields grow by one optional field per version,
// like a real evolving event type (every version is BACKWARD compatible with the last).
std::string avro_text(long subject, long version) {
  std::string text = R"({"type":"record","name":"Event)" + std::to_string(subject) +
                     R"(","namespace":"bench.accord","fields":[{"name":"id","type":"string"},)"
                     R"({"name":"ts","type":"long"},{"name":"source","type":"string"})";
  for (long v = 2; v <= version; ++v)
    text += R"(,{"name":"extra)" + std::to_string(v) + R"(","type":["null","string"],"default":null})";
  text += "]}";
  return text;
}

// The envelope every subject shares with --shared-fields.
std::string shared_text(long fields) {
  std::string text = R"({"type":"record","name":"Envelope","namespace":"bench.accord.shared","fields":[)";
  for (long f = 0; f < fields; ++f) {
    if (f > 0) text += ",";
    text += R"({"name":"field)" + std::to_string(f) + R"(","type":["null","string"],"default":null,)"
            R"("doc":"field )" + std::to_string(f) + R"( of the envelope every topic shares"})";
  }
  return text + "]}";
}

// Thirty services and teams, as in the teams the catalog is for.
std::string governance_metadata(long subject) {
  auto service = [](long n) { return "svc-" + std::to_string(n % 30); };
  return R"({"properties":{"owner":"team-)" + std::to_string(subject % 30) + R"(","producers":")" + service(subject) +
         R"(","consumers":")" + service(subject + 1) + "," + service(subject + 7) +
         R"(","description":"Event )" + std::to_string(subject) + R"( of the benchmark catalog"}})";
}

long arg_long(int argc, char** argv, std::string_view name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (name == argv[i]) return std::strtol(argv[i + 1], nullptr, 10);
  return fallback;
}

std::string arg_str(int argc, char** argv, std::string_view name) {
  for (int i = 1; i + 1 < argc; ++i)
    if (name == argv[i]) return argv[i + 1];
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = arg_str(argc, argv, "--data-dir");
  const long schemas = arg_long(argc, argv, "--schemas", 100000);
  const long subjects = arg_long(argc, argv, "--subjects", 10000);
  const long batch_size = arg_long(argc, argv, "--batch", 1000);
  const bool governance = arg_long(argc, argv, "--governance", 0) != 0;
  const long shared_fields = arg_long(argc, argv, "--shared-fields", 0);
  if (dir.empty() || schemas <= 0 || subjects <= 0 || schemas % subjects != 0) {
    std::fprintf(stderr, "usage: accord-bench-loggen --data-dir DIR --schemas N --subjects M (M divides N)\n");
    return 2;
  }
  std::filesystem::create_directories(dir);
  auto log = accord::log::open_local_log(dir / "log");
  if (!log) {
    std::fprintf(stderr, "cannot open the log: %s\n", log.error().message.c_str());
    return 1;
  }
  auto end = (*log)->end_offset();
  if (!end || *end != 0) {
    std::fprintf(stderr, "the log in %s is not empty\n", dir.c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  const long versions = schemas / subjects;
  const std::string shared = shared_fields > 0 ? shared_text(shared_fields) : std::string();
  std::vector<accord::log::Record> batch;
  long id = 0;
  // Version-major order: the log interleaves subjects as a live registry's would.
  for (long v = 1; v <= versions; ++v) {
    for (long s = 0; s < subjects; ++s) {
      char subject[64];
      std::snprintf(subject, sizeof subject, "bench-subject-%06ld-value", s);
      accord::log::SchemaValue value;
      value.subject = subject;
      value.version = static_cast<accord::VersionNumber>(v);
      value.id = static_cast<accord::SchemaId>(shared.empty() ? id + 1 : 1);
      ++id;
      value.schema.type = accord::SchemaType::Avro;
      value.schema.text = shared.empty() ? avro_text(s, v) : shared;
      if (governance) value.schema.metadata = governance_metadata(s);
      batch.push_back({accord::log::encode_key(accord::log::schema_key(subject, value.version)),
                       accord::log::encode_schema_value(value), {}});
      if (static_cast<long>(batch.size()) == batch_size || id == schemas) {
        if (auto r = (*log)->append(batch); !r) {
          std::fprintf(stderr, "append failed: %s\n", r.error().message.c_str());
          return 1;
        }
        batch.clear();
      }
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%ld records written in %.2f s\n", id, secs);
  return 0;
}
