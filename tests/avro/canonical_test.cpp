// canonical(): Java Schema.toString() compact JSON, which Confluent stores.
// normalized(): one text for equivalent schemas.
#include "avro_test_support.hpp"

namespace accord::formats::avro_test {
namespace {

TEST(AvroCanonical, CompactJavaStyleWithPropertyOrder) {
  auto s = schema(R"({
    "fields": [
      {"type": {"type": "string"}, "name": "name", "doc": "who", "default": "n/a"},
      {"name": "age", "type": "int", "order": "descending", "aliases": ["years"], "x-prop": 1},
      {"name": "status", "type": {"symbols": ["A", "B"], "type": "enum", "name": "Status", "default": "A"}},
      {"name": "id", "type": {"size": 4, "name": "Id", "type": "fixed", "doc": "four"}},
      {"name": "other", "type": "Status"}
    ],
    "doc": "A person", "name": "Person", "namespace": "com.acme", "type": "record", "aliases": ["Human"]
  })");
  EXPECT_EQ(s->canonical(),
            R"({"type":"record","name":"Person","namespace":"com.acme","doc":"A person","fields":[)"
            R"({"name":"name","type":"string","doc":"who","default":"n/a"},)"
            R"({"name":"age","type":"int","order":"descending","aliases":["years"],"x-prop":1},)"
            R"({"name":"status","type":{"type":"enum","name":"Status","symbols":["A","B"],"default":"A"}},)"
            R"({"name":"id","type":{"type":"fixed","name":"Id","doc":"four","size":4}},)"
            R"({"name":"other","type":"Status"}],"aliases":["Human"]})");
}

TEST(AvroCanonical, NamespacesPrintedOnlyWhenTheyDiffer) {
  auto s = schema(R"({"type":"record","name":"a.R","fields":[
      {"name":"x","type":{"type":"fixed","name":"F","size":1}},
      {"name":"y","type":{"type":"fixed","name":"b.G","size":1}},
      {"name":"z","type":{"type":"fixed","name":"H","namespace":"","size":1}},
      {"name":"u","type":["null","b.G","a.F","H"]}]})");
  EXPECT_EQ(s->canonical(),
            R"({"type":"record","name":"R","namespace":"a","fields":[)"
            R"({"name":"x","type":{"type":"fixed","name":"F","size":1}},)"
            R"({"name":"y","type":{"type":"fixed","name":"G","namespace":"b","size":1}},)"
            R"({"name":"z","type":{"type":"fixed","name":"H","namespace":"","size":1}},)"
            R"({"name":"u","type":["null","b.G","F","H"]}]})");
}

TEST(AvroCanonical, CustomPropertiesAndLogicalTypesKeptInInputOrder) {
  EXPECT_EQ(schema(R"({"type":"string","avro.java.string":"String"})")->canonical(),
            R"({"type":"string","avro.java.string":"String"})");
  EXPECT_EQ(schema(R"({"scale":2,"type":"bytes","precision":4,"logicalType":"decimal"})")->canonical(),
            R"({"type":"bytes","scale":2,"precision":4,"logicalType":"decimal"})");
  EXPECT_EQ(schema(R"({"type":"array","items":{"type":"long","logicalType":"timestamp-millis"},"meta":{"b":1,"a":[true,null]}})")
                ->canonical(),
            R"({"type":"array","items":{"type":"long","logicalType":"timestamp-millis"},"meta":{"b":1,"a":[true,null]}})");
}

TEST(AvroCanonical, DefaultsPrintedAsJacksonPrintsThem) {
  auto s = schema(R"({"type":"record","name":"R","fields":[
      {"name":"d","type":"double","default":1},
      {"name":"e","type":"double","default":1.0},
      {"name":"f","type":"float","default":1e10},
      {"name":"g","type":"double","default":0.0001},
      {"name":"h","type":"string","default":"tab\tquote\"\u0001é"},
      {"name":"i","type":{"type":"map","values":"int"},"default":{"z":1,"a":2}}]})");
  EXPECT_EQ(s->canonical(),
            R"({"type":"record","name":"R","fields":[)"
            R"({"name":"d","type":"double","default":1},)"
            R"({"name":"e","type":"double","default":1.0},)"
            R"({"name":"f","type":"float","default":1.0E10},)"
            R"({"name":"g","type":"double","default":1.0E-4},)"
            "{\"name\":\"h\",\"type\":\"string\",\"default\":\"tab\\tquote\\\"\\u0001\xc3\xa9\"},"
            R"({"name":"i","type":{"type":"map","values":"int"},"default":{"z":1,"a":2}}]})");
}

TEST(AvroCanonical, CanonicalTextParsesBackToItself) {
  const char* text = R"({"type":"record","name":"L","namespace":"n","fields":[
      {"name":"next","type":["null","L"],"default":null},{"name":"e","type":{"type":"enum","name":"E","symbols":["X"]}}]})";
  auto first = schema(text);
  auto second = schema(first->canonical());
  EXPECT_EQ(first->canonical(), second->canonical());
  EXPECT_EQ(first->canonical(),
            R"({"type":"record","name":"L","namespace":"n","fields":[{"name":"next","type":["null","L"],"default":null},)"
            R"({"name":"e","type":{"type":"enum","name":"E","symbols":["X"]}}]})");
}

TEST(AvroNormalized, EquivalentTextsNormalizeIdentically) {
  auto a = schema(R"({"type":"record","name":"R","namespace":"n","fields":[
      {"name":"a","type":"int","x":1,"y":2},{"name":"b","type":{"type":"map","values":"R"},"default":{"k":{"a":1}}}]})");
  auto b = schema(R"(  {"namespace" : "n", "fields" : [ {"y":2, "type" : {"type":"int"}, "x":1, "name" : "a"},
      {"default":{"k":{"a":1}},"name":"b","type":{"values":"n.R","type":"map"}}], "name":"R", "type":"record"} )");
  EXPECT_EQ(a->normalized(), b->normalized());
  EXPECT_EQ(a->normalized(),
            R"({"type":"record","name":"n.R","fields":[{"name":"a","type":"int","x":1,"y":2},)"
            R"({"name":"b","type":{"type":"map","values":"n.R"},"default":{"k":{"a":1}}}]})");
}

TEST(AvroNormalized, KeepsDocAliasesDefaultsAndSymbols) {
  auto s = schema(R"({"type":"enum","name":"E","namespace":"n","doc":"d","aliases":["F","m.G"],"symbols":["A"],"default":"A","p":{"b":1,"a":2}})");
  EXPECT_EQ(s->normalized(),
            R"({"type":"enum","name":"n.E","doc":"d","symbols":["A"],"default":"A","aliases":["n.F","m.G"],"p":{"a":2,"b":1}})");
  // Java prints aliases relative to the schema's namespace.
  EXPECT_EQ(s->canonical(),
            R"({"type":"enum","name":"E","namespace":"n","doc":"d","symbols":["A"],"default":"A","p":{"b":1,"a":2},"aliases":["F","m.G"]})");
}

TEST(AvroNormalized, DiffersWhenDefaultsDiffer) {
  auto a = schema(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1}]})");
  auto b = schema(R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","default":2}]})");
  EXPECT_NE(a->normalized(), b->normalized());
}

TEST(AvroNormalized, ReferencedTypesAreNotInlined) {
  std::vector<ResolvedReference> refs = {{"x.M", "m", VersionNumber{1}, R"({"type":"fixed","name":"M","namespace":"x","size":2})"}};
  auto s = schema(R"({"type":"record","name":"x.R","fields":[{"name":"m","type":"M"}]})", refs);
  EXPECT_EQ(s->normalized(), R"({"type":"record","name":"x.R","fields":[{"name":"m","type":"x.M"}]})");
  EXPECT_EQ(s->canonical(), R"({"type":"record","name":"R","namespace":"x","fields":[{"name":"m","type":"M"}]})");
}

}  // namespace
}  // namespace accord::formats::avro_test
