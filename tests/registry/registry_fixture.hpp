#pragma once
// The registry's operations on an embedded node, without HTTP: what each appends is read
// back from the log.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/registry/effective_config.hpp"
#include "accord/registry/registry.hpp"
#include "support/embedded_node.hpp"
#include "support/temp_dir.hpp"

namespace accord::registry::testing {

// An appended record, its key decoded.
struct Appended {
  log::Key key;
  std::optional<std::string> value;  // nullopt: a tombstone
  std::string key_bytes;

  // The SCHEMA value it carries; nullopt (and a failed expectation) for anything else.
  std::optional<log::SchemaValue> schema_value() const;
};

class RegistryTest : public ::testing::Test {
 public:
  // An Avro record schema named `name` with the given fields (JSON texts).
  static std::string record(const std::string& name, const std::vector<std::string>& fields_json = {});
  static SchemaRequest avro(const std::string& text);

 protected:
  void SetUp() override;
  void TearDown() override;
  void open(RegistryOptions options = {});

  Result<Registered> register_avro(const std::string& subject, const std::string& text);
  Offset end_offset();
  // The records appended from `from` on (an end_offset() taken before).
  std::vector<Appended> appended_since(Offset from);
  // Appends records as another writer would have, and waits until the store has them.
  void append_foreign(std::vector<log::Record> records);

  accord::testing::TempDir dir_;
  accord::testing::EmbeddedNode node_;
  std::unique_ptr<Registry> registry_;
};

}  // namespace accord::registry::testing
