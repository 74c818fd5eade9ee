// Parsing: what Java Avro accepts is accepted, and every invalid schema is refused with
// 42201 and a reason that names the problem.
#include "avro_test_support.hpp"

namespace accord::formats::avro_test {
namespace {

using ::testing::HasSubstr;

TEST(AvroParse, AcceptsPrimitivesInBothSpellings) {
  for (const char* type : {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}) {
    auto quoted = std::string("\"") + type + "\"";
    EXPECT_EQ(schema(quoted)->canonical(), quoted);
    EXPECT_EQ(schema(std::string(R"({"type":")") + type + "\"}")->canonical(), quoted);
  }
}

TEST(AvroParse, AcceptsNamedTypesArraysMapsUnionsAndRecursion) {
  auto s = schema(R"({"type":"record","name":"Node","namespace":"a.b","fields":[
      {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["LEAF","BRANCH"],"default":"LEAF"}},
      {"name":"id","type":{"type":"fixed","name":"Id","size":16}},
      {"name":"children","type":{"type":"array","items":"Node"}},
      {"name":"tags","type":{"type":"map","values":["null","string"]}},
      {"name":"parent","type":["null","a.b.Node"],"default":null},
      {"name":"kind2","type":"Kind"}]})");
  ASSERT_TRUE(s);
}

TEST(AvroParse, UnknownTypeNameIsRejected) {
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","fields":[{"name":"f","type":"Missing"}]})"),
              HasSubstr("\"Missing\" is not a defined name. The type of the \"f\" field must be a defined name"));
  EXPECT_THAT(parse_error(R"("Missing")"), HasSubstr("Undefined name: \"Missing\""));
  EXPECT_THAT(parse_error(R"({"type":"strin"})"), HasSubstr("Type not supported: strin"));
}

TEST(AvroParse, NamesAreResolvedInTheEnclosingNamespaceThenWithout) {
  EXPECT_TRUE(schema(R"({"type":"record","name":"R","namespace":"x","fields":[
      {"name":"a","type":{"type":"fixed","name":"F","size":1}},{"name":"b","type":"F"},{"name":"c","type":"x.F"}]})"));
  // A type defined without namespace is still found from inside one.
  EXPECT_TRUE(schema(R"({"type":"record","name":"R","namespace":"x","fields":[
      {"name":"a","type":{"type":"fixed","name":"F","namespace":"","size":1}},{"name":"b","type":"F"}]})"));
  // A type of another namespace needs its full name.
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","namespace":"x","fields":[
      {"name":"a","type":{"type":"fixed","name":"F","namespace":"y","size":1}},{"name":"b","type":"F"}]})"),
              HasSubstr("\"F\" is not a defined name"));
}

TEST(AvroParse, BadDefaultsAreRejected) {
  auto record = [](const std::string& type, const std::string& def) {
    return R"({"type":"record","name":"R","fields":[{"name":"f","type":)" + type + R"(,"default":)" + def + "}]}";
  };
  EXPECT_THAT(parse_error(record(R"("int")", R"("1")")), HasSubstr("Invalid default for field f: \"1\" not a \"int\""));
  EXPECT_THAT(parse_error(record(R"("int")", "2147483648")), HasSubstr("Invalid default for field f"));
  EXPECT_THAT(parse_error(record(R"("long")", "1.5")), HasSubstr("Invalid default for field f"));
  EXPECT_THAT(parse_error(record(R"("string")", "null")), HasSubstr("Invalid default for field f: null not a \"string\""));
  EXPECT_THAT(parse_error(record(R"(["null","string"])", R"("x")")), HasSubstr("not a [\"null\",\"string\"]"));
  EXPECT_THAT(parse_error(record(R"({"type":"array","items":"int"})", R"([1,"2"])")), HasSubstr("Invalid default"));
  EXPECT_THAT(parse_error(record(R"({"type":"map","values":"int"})", R"({"a":true})")), HasSubstr("Invalid default"));
  EXPECT_THAT(parse_error(record(R"("boolean")", R"("true")")), HasSubstr("Invalid default"));
  EXPECT_THAT(parse_error(record(R"({"type":"record","name":"In","fields":[{"name":"x","type":"int"}]})", "{}")),
              HasSubstr("Invalid default"));
  // Valid ones, union defaults by their first branch.
  EXPECT_TRUE(schema(record(R"(["null","string"])", "null")));
  EXPECT_TRUE(schema(record(R"(["string","null"])", R"("x")")));
  EXPECT_TRUE(schema(record(R"("double")", "1")));
  EXPECT_TRUE(schema(record(R"("double")", R"("NaN")")));
  EXPECT_TRUE(schema(record(R"({"type":"record","name":"In","fields":[{"name":"x","type":"int","default":3}]})", "{}")));
}

TEST(AvroParse, DuplicateFieldIsRejected) {
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","namespace":"n","fields":[
      {"name":"a","type":"int"},{"name":"a","type":"string"}]})"),
              HasSubstr("Duplicate field a in record n.R"));
}

TEST(AvroParse, InvalidNamesAreRejected) {
  EXPECT_THAT(parse_error(R"({"type":"record","name":"1R","fields":[]})"), HasSubstr("Illegal initial character: 1R"));
  EXPECT_THAT(parse_error(R"({"type":"record","name":"my-record","fields":[]})"),
              HasSubstr("Illegal character in: my-record"));
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","fields":[{"name":"a b","type":"int"}]})"),
              HasSubstr("Illegal character in: a b"));
  EXPECT_THAT(parse_error(R"({"type":"enum","name":"E","symbols":["ok","not-ok"]})"),
              HasSubstr("Illegal character in: not-ok"));
  EXPECT_THAT(parse_error(R"({"type":"fixed","name":"","size":1})"), HasSubstr("Empty name"));
  EXPECT_THAT(parse_error(R"({"type":"record","fields":[]})"), HasSubstr("No name in schema"));
}

TEST(AvroParse, RedefinitionIsRejected) {
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","namespace":"n","fields":[
      {"name":"a","type":{"type":"fixed","name":"F","size":1}},
      {"name":"b","type":{"type":"fixed","name":"F","size":2}}]})"),
              HasSubstr("Can't redefine: n.F"));
}

TEST(AvroParse, UnionRules) {
  EXPECT_THAT(parse_error(R"(["null",["int","string"]])"), HasSubstr("Nested union"));
  EXPECT_THAT(parse_error(R"(["int","string","int"])"), HasSubstr("Duplicate in union:int"));
  EXPECT_THAT(parse_error(R"([{"type":"array","items":"int"},{"type":"array","items":"long"}])"),
              HasSubstr("Duplicate in union:array"));
  EXPECT_THAT(parse_error(R"([{"type":"fixed","name":"F","size":1},"F"])"), HasSubstr("Duplicate in union:F"));
  // Differently named types of the same kind are fine.
  EXPECT_TRUE(schema(R"([{"type":"fixed","name":"F","size":1},{"type":"fixed","name":"G","size":1}])"));
}

TEST(AvroParse, EnumAndFixedRules) {
  EXPECT_THAT(parse_error(R"({"type":"enum","name":"E","symbols":["A","B","A"]})"), HasSubstr("Duplicate enum symbol: A"));
  EXPECT_THAT(parse_error(R"({"type":"enum","name":"E","symbols":["A","B"],"default":"C"})"),
              HasSubstr("The Enum Default: C is not in the enum symbol set: [A, B]"));
  EXPECT_THAT(parse_error(R"({"type":"enum","name":"E"})"), HasSubstr("Enum has no symbols"));
  EXPECT_THAT(parse_error(R"({"type":"fixed","name":"F"})"), HasSubstr("Invalid or no size"));
  EXPECT_THAT(parse_error(R"({"type":"fixed","name":"F","size":"4"})"), HasSubstr("Invalid or no size"));
}

TEST(AvroParse, StructuralErrors) {
  EXPECT_THAT(parse_error("{not json"), HasSubstr("Invalid JSON"));
  EXPECT_THAT(parse_error("42"), HasSubstr("Schema not yet supported: 42"));
  EXPECT_THAT(parse_error(R"({"name":"x"})"), HasSubstr("No type"));
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R"})"), HasSubstr("Record has no fields"));
  EXPECT_THAT(parse_error(R"({"type":"array"})"), HasSubstr("Array has no items type"));
  EXPECT_THAT(parse_error(R"({"type":"map"})"), HasSubstr("Map has no values type"));
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","fields":[{"name":"f"}]})"), HasSubstr("No field type"));
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","fields":[{"name":"f","type":"int","order":"up"}]})"),
              HasSubstr("Invalid order"));
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","aliases":"S","fields":[]})"), HasSubstr("aliases not an array"));
}

TEST(AvroParse, DeepNestingIsRefusedNotACrash) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += R"({"type":"array","items":)";
  deep += R"("int")";
  for (int i = 0; i < 100000; ++i) deep += '}';
  EXPECT_THAT(parse_error(deep), HasSubstr("nested deeper than"));
}

TEST(AvroParse, InvalidLogicalTypesFallBackToTheUnderlyingType) {
  // Java ignores these logical types (and keeps the properties), so the schemas are valid.
  EXPECT_EQ(schema(R"({"type":"bytes","logicalType":"decimal","precision":0})")->canonical(),
            R"({"type":"bytes","logicalType":"decimal","precision":0})");
  EXPECT_TRUE(schema(R"({"type":"fixed","name":"F","size":1,"logicalType":"decimal","precision":10})"));
  EXPECT_TRUE(schema(R"({"type":"string","logicalType":"date"})"));
  EXPECT_TRUE(schema(R"({"type":"int","logicalType":"no-such-type"})"));
  EXPECT_TRUE(schema(R"({"type":"fixed","name":"D","size":12,"logicalType":"duration"})"));
  EXPECT_TRUE(schema(R"({"type":"string","logicalType":"uuid"})"));
}

TEST(AvroParse, ReferencesAreUsableByFullName) {
  std::vector<ResolvedReference> refs = {
      {"com.acme.Money", "money", VersionNumber{1},
       R"({"type":"record","name":"Money","namespace":"com.acme","fields":[{"name":"cents","type":"long"}]})"}};
  auto s = schema(R"({"type":"record","name":"Order","fields":[{"name":"total","type":"com.acme.Money"}]})", refs);
  ASSERT_TRUE(s);
  // Referenced types are not inlined: the stored text re-parses with the same references.
  EXPECT_EQ(s->canonical(), R"({"type":"record","name":"Order","fields":[{"name":"total","type":"com.acme.Money"}]})");
  EXPECT_TRUE(avro().parse(s->canonical(), refs).ok());
  // Without the reference the name is unknown.
  EXPECT_FALSE(avro().parse(s->canonical(), {}).ok());
  // A broken reference is reported as such.
  std::vector<ResolvedReference> broken = {{"x.Bad", "bad", VersionNumber{1}, R"({"type":"enum","name":"Bad"})"}};
  auto bad = avro().parse(R"("string")", broken);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("reference 'x.Bad'"));
}

}  // namespace
}  // namespace accord::formats::avro_test

namespace accord::formats::avro_test {
namespace {

// Found by fuzz_avro_schema: a number beyond a double made the JSON reader throw out of parse().
TEST(AvroParse, NumbersBeyondADoubleAreAParseErrorNotAnException) {
  EXPECT_THAT(parse_error("1e400"), ::testing::HasSubstr("Invalid JSON"));
  EXPECT_THAT(parse_error(R"({"type":"record","name":"R","fields":[{"name":"a","type":"double","default":1e400}]})"),
              ::testing::HasSubstr("Invalid JSON"));
}

}  // namespace
}  // namespace accord::formats::avro_test
