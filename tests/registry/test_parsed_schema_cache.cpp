// The parsed stored schemas kept for compatibility checks: bounded in bytes, and never the
// parse of a schema the id no longer holds.
#include "accord/registry/parsed_schema_cache.hpp"
#include "registry_fixture.hpp"

namespace accord::registry::testing {
namespace {

TEST_F(RegistryTest, ParsedSchemasFollowAnIdBoundAgainByImport) {
  const auto first = record("First", {R"({"name":"a","type":"int"})"});
  ASSERT_TRUE(register_avro("s", first).ok());
  ParsedSchemaCache cache(*node_.store);
  auto parsed = cache.stored(SchemaId{1}, ".");
  ASSERT_TRUE(parsed.ok());
  EXPECT_NE((*parsed)->canonical().find("First"), std::string::npos);

  // Every version using id 1 goes, then an IMPORT binds id 1 to another schema.
  append_foreign({{log::encode_key(log::schema_key("s", VersionNumber{1})),
                   log::encode_schema_value({"s", VersionNumber{1}, SchemaId{1}, Schema{SchemaType::Avro, first, {}, {}, {}}, true}), {}},
                  {log::encode_key(log::schema_key("s", VersionNumber{1})), std::nullopt, {}},
                  {log::encode_key(log::schema_key("t", VersionNumber{1})),
                   log::encode_schema_value({"t", VersionNumber{1}, SchemaId{1}, Schema{SchemaType::Avro, record("Second"), {}, {}, {}}, false}),
                   {}}});
  auto again = cache.stored(SchemaId{1}, ".");
  ASSERT_TRUE(again.ok());
  EXPECT_NE((*again)->canonical().find("Second"), std::string::npos) << "not the parse of the schema id 1 held before";
  EXPECT_EQ(cache.size(), 1u);
}

TEST_F(RegistryTest, ParsedSchemasStayWithinTheirBytes) {
  std::vector<std::string> fields;
  for (int v = 1; v <= 40; ++v) {
    fields.push_back(R"({"name":"f)" + std::to_string(v) + R"(","type":["null","int"],"default":null})");
    ASSERT_TRUE(register_avro("grow", record("Grow", fields)).ok()) << v;
  }
  // Room for a few of them: an entry costs about eight times its text.
  ParsedSchemaCache cache(*node_.store, 64 * 1024);
  for (SchemaId id{1}; id <= 40; ++id) ASSERT_TRUE(cache.stored(id, ".").ok()) << id;
  EXPECT_GT(cache.size(), 1u);
  EXPECT_LT(cache.size(), 40u) << "the oldest entries made room";
  EXPECT_TRUE(cache.stored(SchemaId{40}, ".").ok()) << "an evicted or kept entry, the answer is the same";
}

}  // namespace
}  // namespace accord::registry::testing
