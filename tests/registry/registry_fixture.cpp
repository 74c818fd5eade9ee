#include "registry_fixture.hpp"

namespace accord::registry::testing {

std::optional<log::SchemaValue> Appended::schema_value() const {
  EXPECT_TRUE(value) << key_bytes << " is a tombstone";
  if (!value) return std::nullopt;
  auto decoded = log::decode_schema_value(*value);
  EXPECT_TRUE(decoded.ok()) << *value;
  if (!decoded.ok()) return std::nullopt;
  return *decoded;
}

std::string RegistryTest::record(const std::string& name, const std::vector<std::string>& fields_json) {
  std::string out = R"({"type":"record","name":")" + name + R"(","fields":[)";
  for (std::size_t i = 0; i < fields_json.size(); ++i) out += (i ? "," : "") + fields_json[i];
  return out + "]}";
}

SchemaRequest RegistryTest::avro(const std::string& text) {
  SchemaRequest request;
  request.schema = text;
  return request;
}

void RegistryTest::SetUp() { open(); }

void RegistryTest::TearDown() {
  registry_.reset();
  node_.close();
}

void RegistryTest::open(RegistryOptions options) {
  registry_.reset();
  node_.close();
  node_.open(dir_.path());
  if (HasFatalFailure()) return;
  registry_ = std::make_unique<Registry>(*node_.store, *node_.writer, options);
}

Result<Registered> RegistryTest::register_avro(const std::string& subject, const std::string& text) {
  return registry_->register_schema({subject, avro(text), false});
}

Offset RegistryTest::end_offset() {
  auto end = node_.log->end_offset();
  EXPECT_TRUE(end.ok());
  return end.ok() ? *end : Offset{-1};
}

std::vector<Appended> RegistryTest::appended_since(Offset from) {
  std::vector<Appended> out;
  auto records = node_.log->read(from, std::chrono::milliseconds(0), 1000);
  EXPECT_TRUE(records.ok());
  if (!records.ok()) return out;
  for (auto& stored : *records) {
    if (!stored.record.key) continue;
    auto key = log::decode_key(*stored.record.key);
    EXPECT_TRUE(key.ok()) << *stored.record.key;
    if (!key.ok() || key->type == log::KeyType::Noop) continue;
    out.push_back({*key, stored.record.value, *stored.record.key});
  }
  return out;
}

void RegistryTest::append_foreign(std::vector<log::Record> records) {
  auto offset = node_.log->append(records);
  ASSERT_TRUE(offset.ok()) << offset.error().message;
  ASSERT_TRUE(node_.store->wait_applied(*offset, std::chrono::steady_clock::now() + std::chrono::seconds(10)));
}

}  // namespace accord::registry::testing
