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

// A record of `fields` fields: a text of a few KiB.
std::string large_record(const std::string& name, int fields) {
  std::vector<std::string> out;
  for (int f = 0; f < fields; ++f) out.push_back(R"({"name":"f)" + std::to_string(f) + R"(","type":"string"})");
  return RegistryTest::record(name, out);
}

TEST_F(RegistryTest, ALargeCandidateWithoutReferencesIsParsedOnce) {
  ParsedSchemaCache cache(*node_.store);
  const Schema schema{SchemaType::Avro, large_record("Shared", 100), {}, {}, {}};
  ASSERT_GE(schema.text.size(), 1024u);
  auto first = cache.parse(schema, false, 10, "a");
  auto second = cache.parse(schema, false, 10, "b");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second) << "the same text, whoever sends it: one parse";
  // Another text, or the same text as another type, is parsed on its own.
  auto other = cache.parse(Schema{SchemaType::Avro, large_record("Other", 100), {}, {}, {}}, false, 10, "a");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *first);
  EXPECT_NE((*other)->canonical().find("Other"), std::string::npos);
  // As JSON Schema the text is invalid ("record" is no JSON type): the Avro parse is not it.
  auto as_json = cache.parse(Schema{SchemaType::Json, schema.text, {}, {}, {}}, false, 10, "a");
  ASSERT_FALSE(as_json.ok());
  EXPECT_EQ(as_json.error().error_code(), 42201);
  // A small text is not kept: parsing it costs what keeping it would.
  const Schema small{SchemaType::Avro, record("Small"), {}, {}, {}};
  auto small_first = cache.parse(small, false, 10, "a");
  auto small_second = cache.parse(small, false, 10, "a");
  ASSERT_TRUE(small_first.ok() && small_second.ok());
  EXPECT_NE(*small_first, *small_second);
}

TEST_F(RegistryTest, AnInvalidLargeCandidateIsRefusedEachTime) {
  ParsedSchemaCache cache(*node_.store);
  auto text = large_record("Broken", 100);
  text.replace(text.find(R"("type":"string")"), 15, R"("type":"nope")");
  const Schema schema{SchemaType::Avro, text, {}, {}, {}};
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto parsed = cache.parse(schema, false, 10, "s");
    ASSERT_FALSE(parsed.ok()) << attempt;
    EXPECT_EQ(parsed.error().error_code(), 42201) << attempt;
  }
}

}  // namespace
}  // namespace accord::registry::testing
