#pragma once
// Records and logs for the ops tests.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/log/local_log.hpp"

namespace accord::ops::testing {

inline log::Record schema_record(const std::string& subject, int version, int id, const std::string& text,
                                 bool deleted = false) {
  log::SchemaValue value{subject, VersionNumber{version}, SchemaId{id}, Schema{SchemaType::Avro, text, {}, {}, {}},
                         deleted};
  return {log::encode_key(log::schema_key(subject, VersionNumber{version})), log::encode_schema_value(value), {}};
}

inline log::Record tombstone(const log::Record& of) { return {of.key, std::nullopt, {}}; }

inline std::unique_ptr<log::SchemaLog> open_log(const std::filesystem::path& dir) {
  auto log = log::open_local_log(dir);
  EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message);
  return std::move(log).value();
}

inline std::vector<log::StoredRecord> all_records(log::SchemaLog& log) {
  auto records = log.read(Offset{0}, std::chrono::milliseconds(0), 1'000'000);
  EXPECT_TRUE(records.ok()) << (records.ok() ? "" : records.error().message);
  return records.ok() ? std::move(records).value() : std::vector<log::StoredRecord>{};
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace accord::ops::testing
