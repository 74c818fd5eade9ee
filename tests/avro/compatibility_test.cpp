// check(reader, writer): Java SchemaCompatibility's rules, one compatible and one incompatible
// case per rule, with the kind, the path in the reader schema and a message naming the break.
#include "avro_test_support.hpp"

namespace accord::formats::avro_test {
namespace {

using ::testing::HasSubstr;

std::string record(const std::string& name, const std::string& fields) {
  return R"({"type":"record","name":")" + name + R"(","fields":[)" + fields + "]}";
}

TEST(AvroCompatibility, IdenticalSchemasAreCompatible) {
  const char* s = R"({"type":"record","name":"R","fields":[{"name":"a","type":["null","string"]}]})";
  EXPECT_TRUE(breaks(s, s).empty());
}

TEST(AvroCompatibility, Promotions) {
  const std::pair<const char*, const char*> ok[] = {
      {"long", "int"},   {"float", "int"},    {"float", "long"}, {"double", "int"},
      {"double", "long"}, {"double", "float"}, {"bytes", "string"}, {"string", "bytes"}};
  for (const auto& [reader, writer] : ok)
    EXPECT_TRUE(breaks(std::string("\"") + reader + "\"", std::string("\"") + writer + "\"").empty()) << reader << "<-" << writer;
  auto b = breaks(R"("int")", R"("long")");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "TYPE_MISMATCH");
  EXPECT_EQ(b[0].path, "/");
  EXPECT_THAT(b[0].message, HasSubstr("reader type: INT not compatible with writer type: LONG"));
}

TEST(AvroCompatibility, FieldTypeMismatchIsLocatedInTheReader) {
  auto b = breaks(record("R", R"({"name":"a","type":"int"},{"name":"b","type":"string"})"),
                  record("R", R"({"name":"a","type":"int"},{"name":"b","type":"boolean"})"));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "TYPE_MISMATCH");
  EXPECT_EQ(b[0].path, "/fields/1/type");
  EXPECT_THAT(b[0].message, HasSubstr("reader type: STRING not compatible with writer type: BOOLEAN"));
}

TEST(AvroCompatibility, ReaderFieldMissingInWriterNeedsADefault) {
  EXPECT_TRUE(breaks(record("R", R"({"name":"a","type":"int"},{"name":"b","type":"int","default":0})"),
                     record("R", R"({"name":"a","type":"int"})"))
                  .empty());
  auto b = breaks(record("R", R"({"name":"a","type":"int"},{"name":"b","type":"int"})"),
                  record("R", R"({"name":"a","type":"int"})"));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "READER_FIELD_MISSING_DEFAULT_VALUE");
  EXPECT_EQ(b[0].path, "/fields/1");
  EXPECT_EQ(b[0].message,
            "The field 'b' at path '/fields/1' in the new schema has no default value and is missing in the old schema");
}

TEST(AvroCompatibility, NewEnumFieldWithEnumDefaultButNoFieldDefaultIsComparedWithTheWriterRecord) {
  // Java 1.11 compares the enum with the whole writer record: a type mismatch at the field's type.
  auto b = breaks(record("R", R"({"name":"a","type":"int"},{"name":"e","type":{"type":"enum","name":"E","symbols":["X"],"default":"X"}})"),
                  record("R", R"({"name":"a","type":"int"})"));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "TYPE_MISMATCH");
  EXPECT_EQ(b[0].path, "/fields/1/type");
  EXPECT_THAT(b[0].message, HasSubstr("reader type: ENUM not compatible with writer type: RECORD"));
}

TEST(AvroCompatibility, WriterFieldMissingInReaderIsIgnored) {
  EXPECT_TRUE(breaks(record("R", R"({"name":"a","type":"int"})"),
                     record("R", R"({"name":"a","type":"int"},{"name":"gone","type":"string"})"))
                  .empty());
}

TEST(AvroCompatibility, ReaderFieldAliasesMatchWriterFields) {
  EXPECT_TRUE(breaks(record("R", R"({"name":"username","type":"string","aliases":["user_name"]})"),
                     record("R", R"({"name":"user_name","type":"string"})"))
                  .empty());
  // Writer aliases do not count.
  auto b = breaks(record("R", R"({"name":"username","type":"string"})"),
                  record("R", R"({"name":"user_name","type":"string","aliases":["username"]})"));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "READER_FIELD_MISSING_DEFAULT_VALUE");
}

TEST(AvroCompatibility, RecordNamesMatchByShortNameOrReaderAlias) {
  EXPECT_TRUE(breaks(R"({"type":"record","name":"a.R","fields":[]})", R"({"type":"record","name":"b.R","fields":[]})").empty());
  EXPECT_TRUE(breaks(R"({"type":"record","name":"S","namespace":"a","aliases":["b.R"],"fields":[]})",
                     R"({"type":"record","name":"b.R","fields":[]})")
                  .empty());
  // An unqualified alias is taken in the reader's namespace.
  EXPECT_TRUE(breaks(R"({"type":"record","name":"a.S","aliases":["R"],"fields":[]})",
                     R"({"type":"record","name":"a.R","fields":[]})")
                  .empty());
  auto b = breaks(R"({"type":"record","name":"a.S","aliases":["R"],"fields":[]})",
                  R"({"type":"record","name":"b.R","fields":[]})");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "NAME_MISMATCH");
  EXPECT_EQ(b[0].path, "/name");
  EXPECT_THAT(b[0].message, HasSubstr("expected: b.R"));
}

TEST(AvroCompatibility, EnumSymbols) {
  const char* abc = R"({"type":"enum","name":"E","symbols":["A","B","C"]})";
  const char* ab = R"({"type":"enum","name":"E","symbols":["A","B"]})";
  EXPECT_TRUE(breaks(abc, ab).empty());
  auto b = breaks(ab, R"({"type":"enum","name":"E","symbols":["D","C","A"]})");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "MISSING_ENUM_SYMBOLS");
  EXPECT_EQ(b[0].path, "/symbols");
  EXPECT_THAT(b[0].message, HasSubstr("'[C, D]'"));
  // A reader default absorbs unknown symbols.
  EXPECT_TRUE(breaks(R"({"type":"enum","name":"E","symbols":["A","B"],"default":"A"})", abc).empty());
  auto named = breaks(R"({"type":"enum","name":"F","symbols":["A","B","C"]})", abc);
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].kind, "NAME_MISMATCH");
}

TEST(AvroCompatibility, FixedSizeAndName) {
  EXPECT_TRUE(breaks(R"({"type":"fixed","name":"F","size":4})", R"({"type":"fixed","name":"F","size":4})").empty());
  auto b = breaks(R"({"type":"fixed","name":"F","size":8})", R"({"type":"fixed","name":"F","size":4})");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "FIXED_SIZE_MISMATCH");
  EXPECT_EQ(b[0].path, "/size");
  EXPECT_THAT(b[0].message, HasSubstr("expected: 4, found: 8"));
  auto n = breaks(R"({"type":"fixed","name":"G","size":4})", R"({"type":"fixed","name":"F","size":4})");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].kind, "NAME_MISMATCH");
}

TEST(AvroCompatibility, UnionAgainstUnion) {
  EXPECT_TRUE(breaks(R"(["null","int","string"])", R"(["string","null"])").empty());
  EXPECT_TRUE(breaks(R"(["null","long"])", R"(["null","int"])").empty());
  auto b = breaks(record("R", R"({"name":"u","type":["null","int"]})"), record("R", R"({"name":"u","type":["null","string"]})"));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "MISSING_UNION_BRANCH");
  EXPECT_EQ(b[0].path, "/fields/0/type/1");
  EXPECT_THAT(b[0].message, HasSubstr("reader union lacking writer type: STRING"));
}

TEST(AvroCompatibility, WriterUnionAgainstReaderNonUnion) {
  EXPECT_TRUE(breaks(R"("long")", R"(["int","long"])").empty());
  auto b = breaks(R"("long")", R"(["int","string"])");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "TYPE_MISMATCH");
  EXPECT_THAT(b[0].message, HasSubstr("reader type: LONG not compatible with writer type: STRING"));
}

TEST(AvroCompatibility, WriterNonUnionAgainstReaderUnion) {
  EXPECT_TRUE(breaks(R"(["null","double"])", R"("float")").empty());
  auto b = breaks(R"(["null","int"])", R"("string")");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, "MISSING_UNION_BRANCH");
  EXPECT_EQ(b[0].path, "/");
  EXPECT_THAT(b[0].message, HasSubstr("reader union lacking writer type: STRING"));
}

TEST(AvroCompatibility, ArrayItemsAndMapValues) {
  EXPECT_TRUE(breaks(R"({"type":"array","items":"long"})", R"({"type":"array","items":"int"})").empty());
  auto a = breaks(R"({"type":"array","items":"int"})", R"({"type":"array","items":"long"})");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].path, "/items");
  EXPECT_TRUE(breaks(R"({"type":"map","values":"string"})", R"({"type":"map","values":"bytes"})").empty());
  auto m = breaks(R"({"type":"map","values":"int"})", R"({"type":"map","values":"string"})");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].path, "/values");
  auto kinds = breaks(R"({"type":"map","values":"int"})", R"({"type":"array","items":"int"})");
  ASSERT_EQ(kinds.size(), 1u);
  EXPECT_THAT(kinds[0].message, HasSubstr("reader type: MAP not compatible with writer type: ARRAY"));
}

TEST(AvroCompatibility, DecimalPrecisionAndScaleAreNotCheckedAsInJava) {
  EXPECT_TRUE(breaks(R"({"type":"bytes","logicalType":"decimal","precision":4,"scale":2})",
                     R"({"type":"bytes","logicalType":"decimal","precision":9,"scale":0})")
                  .empty());
  // But the underlying types still must match.
  EXPECT_FALSE(breaks(R"({"type":"fixed","name":"D","size":4,"logicalType":"decimal","precision":4})",
                      R"({"type":"bytes","logicalType":"decimal","precision":4})")
                   .empty());
}

TEST(AvroCompatibility, RecursiveSchemasTerminate) {
  const char* list = R"({"type":"record","name":"L","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","L"]}]})";
  const char* wider = R"({"type":"record","name":"L","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","L"]}]})";
  EXPECT_TRUE(breaks(wider, list).empty());
  auto b = breaks(list, wider);
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(b[0].kind, "TYPE_MISMATCH");
  EXPECT_EQ(b[0].path, "/fields/0/type");
}

TEST(AvroCompatibility, EveryBreakIsReported) {
  auto b = breaks(record("R", R"({"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"c","type":"int"})"),
                  record("R", R"({"name":"a","type":"string"},{"name":"b","type":"int"})"));
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].path, "/fields/0/type");
  EXPECT_EQ(b[1].path, "/fields/1/type");
  EXPECT_EQ(b[2].path, "/fields/2");
}

}  // namespace
}  // namespace accord::formats::avro_test
