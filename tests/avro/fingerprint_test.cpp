// Parsing Canonical Form and the CRC-64-AVRO fingerprint, against the values published with
// the Avro specification's test data (share/test/data/schema-tests.txt).
#include "avro_test_support.hpp"

namespace accord::formats::avro_test {
namespace {

struct Known {
  const char* input;
  const char* canonical;
  int64_t fingerprint;
};

const Known kKnown[] = {
    {R"("null")", R"("null")", 7195948357588979594},
    {R"({"type":"boolean"})", R"("boolean")", -6970731678124411036},
    {R"("int")", R"("int")", 8247732601305521295},
    {R"("long")", R"("long")", -3434872931120570953},
    {R"("float")", R"("float")", 5583340709985441680},
    {R"("double")", R"("double")", -8181574048448539266},
    {R"("bytes")", R"("bytes")", 5746618253357095269},
    {R"("string")", R"("string")", -8142146995180207161},
    {R"([  ])", R"([])", -1241056759729112623},
    {R"([ "int"  ])", R"(["int"])", -5232228896498058493},
    {R"([ "int" , {"type":"boolean"} ])", R"(["int","boolean"])", 5392556393470105090},
    {R"({"fields":[], "type":"record", "name":"foo"})", R"({"name":"foo","type":"record","fields":[]})",
     -4824392279771201922},
    {R"({"fields":[], "type":"record", "name":"foo", "namespace":"x.y"})",
     R"({"name":"x.y.foo","type":"record","fields":[]})", 5916914534497305771},
    {R"({"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"})",
     R"({"name":"a.b.foo","type":"record","fields":[]})", -4616218487480524110},
    {R"({"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]})",
     R"({"name":"foo","type":"record","fields":[]})", -4824392279771201922},
    {R"({"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"})",
     R"({"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]})", 7843277075252814651},
    {R"({ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true},
                    {"order":"descending","name":"f2","doc":"Hello","type":"int"}], "type":"record", "name":"foo"})",
     R"({"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]})",
     -4860222112080293046},
    {R"({"type":"enum", "name":"foo", "symbols":["A1"]})", R"({"name":"foo","type":"enum","symbols":["A1"]})",
     -6342190197741309591},
    {R"({"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]})",
     R"({"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]})", -4448647247586288245},
    {R"({"name":"foo","type":"fixed","size":15})", R"({"name":"foo","type":"fixed","size":15})", 1756455273707447556},
    {R"({"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32})",
     R"({"name":"x.y.z.foo","type":"fixed","size":32})", -3064184465700546786},
    {R"({ "items":{"type":"null"}, "type":"array"})", R"({"type":"array","items":"null"})", -589620603366471059},
    {R"({ "values":"string", "type":"map"})", R"({"type":"map","values":"string"})", -8732877298790414990},
    {R"({"name":"PigValue","type":"record", "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]})",
     R"({"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]})",
     -1759257747318642341},
};

TEST(AvroFingerprint, ParsingCanonicalFormMatchesTheSpecificationTestData) {
  for (const auto& k : kKnown) {
    auto s = schema(k.input);
    ASSERT_TRUE(s) << k.input;
    EXPECT_EQ(avro_parsing_canonical_form(*s), k.canonical) << k.input;
  }
}

TEST(AvroFingerprint, RabinFingerprintMatchesTheSpecificationTestData) {
  for (const auto& k : kKnown) {
    auto s = schema(k.input);
    ASSERT_TRUE(s) << k.input;
    EXPECT_EQ(static_cast<int64_t>(avro_fingerprint64(*s)), k.fingerprint) << k.input;
    EXPECT_EQ(static_cast<int64_t>(avro_rabin_fingerprint(k.canonical)), k.fingerprint) << k.canonical;
  }
}

TEST(AvroFingerprint, EmptyInputGivesTheSeed) { EXPECT_EQ(avro_rabin_fingerprint(""), 0xc15d213aa4d7a795ULL); }

TEST(AvroFingerprint, ParsingCanonicalFormUsesFullNamesAndNamesRepeatedTypes) {
  auto s = schema(R"({"type":"record","name":"R","namespace":"n","doc":"x","fields":[
      {"name":"a","type":{"type":"fixed","name":"F","size":2},"default":"ab"},{"name":"b","type":"F"},
      {"name":"c","type":{"type":"string","logicalType":"uuid"}}]})");
  EXPECT_EQ(avro_parsing_canonical_form(*s),
            R"({"name":"n.R","type":"record","fields":[{"name":"a","type":{"name":"n.F","type":"fixed","size":2}},)"
            R"({"name":"b","type":"n.F"},{"name":"c","type":"string"}]})");
}

}  // namespace
}  // namespace accord::formats::avro_test
