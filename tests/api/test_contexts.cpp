// Contexts (rest-api.md §1.3, §3.6-3.8, §5.1): qualified subjects `:.ctx:name`, an id
// sequence per context, CONTEXT records, /contexts, subjectPrefix, config and mode per context.
#include "accord/log/codec.hpp"
#include "api_fixture.hpp"
#include "request_for.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

class ContextsTest : public ApiTest {
 protected:
  std::string schema_a = record("A", {R"({"name":"a","type":"int"})"});
  std::string schema_b = record("B", {R"({"name":"b","type":"string"})"});

  // Every record in the log, in order, decoded.
  std::vector<log::Key> log_keys() {
    std::vector<log::Key> out;
    auto records = log_->read(Offset{0}, std::chrono::milliseconds(0), 100000);
    EXPECT_TRUE(records.ok());
    for (const auto& stored : *records)
      if (stored.record.key)
        if (auto key = log::decode_key(*stored.record.key)) out.push_back(*key);
    return out;
  }

  // CONTEXT records (not tombstones) naming the context.
  std::size_t context_records(const std::string& context) {
    std::size_t n = 0;
    auto records = log_->read(Offset{0}, std::chrono::milliseconds(0), 100000);
    EXPECT_TRUE(records.ok());
    for (const auto& stored : *records) {
      if (!stored.record.key || log::is_tombstone(stored.record.value)) continue;
      auto key = log::decode_key(*stored.record.key);
      if (key && key->type == log::KeyType::Context && key->context == context) ++n;
    }
    return n;
  }
};

TEST_F(ContextsTest, EachContextHasItsOwnIdSequence) {
  auto plain = register_avro("orders", schema_a);
  ASSERT_EQ(plain.status, 200) << plain.text;
  EXPECT_EQ(plain.body["id"], 1);
  // The same id names different schemas in two contexts.
  auto in_a = register_avro(":.team-a:orders", schema_b);
  ASSERT_EQ(in_a.status, 200) << in_a.text;
  EXPECT_EQ(in_a.body["id"], 1);
  auto in_b = register_avro(":.team-b:orders", schema_a);
  ASSERT_EQ(in_b.status, 200) << in_b.text;
  EXPECT_EQ(in_b.body["id"], 1);
  // Reuse within a context, a new id for a new schema.
  auto again = register_avro(":.team-a:other", schema_b);
  EXPECT_EQ(again.body["id"], 1);
  auto second = register_avro(":.team-a:other", record("B", {R"({"name":"b","type":"string"})", R"({"name":"c","type":"int","default":0})"}));
  ASSERT_EQ(second.status, 200) << second.text;
  EXPECT_EQ(second.body["id"], 2);

  EXPECT_EQ(call("GET", "/schemas/ids/1").body["schema"], schema_a) << "no subject: the default context";
  EXPECT_EQ(call("GET", "/schemas/ids/1?subject=:.team-a:orders").body["schema"], schema_b);
  EXPECT_EQ(call("GET", "/schemas/ids/1?subject=:.team-a:").body["schema"], schema_b) << "a context alone";
  EXPECT_EQ(call("GET", "/schemas/ids/2?subject=:.team-a:other&fetchMaxId=true").body["maxId"], 2);
  EXPECT_EQ(call("GET", "/schemas/ids/1?fetchMaxId=true").body["maxId"], 1) << "maxId is per context";
  EXPECT_EQ(call("GET", "/schemas/ids/2").status, 404) << "id 2 exists only in .team-a";
  // A qualified subject that does not carry the id finds nothing (Confluent alike).
  EXPECT_EQ(call("GET", "/schemas/ids/2?subject=:.team-b:orders").status, 404);
  // An unqualified subject is also looked for in each named context.
  auto searched = call("GET", "/schemas/ids/2?subject=other");
  ASSERT_EQ(searched.status, 200) << searched.text;
  EXPECT_EQ(searched.body["subject"], ":.team-a:other");
  EXPECT_EQ(searched.body["version"], 2);

  auto versions = call("GET", "/schemas/ids/1/versions?subject=:.team-a:");
  EXPECT_EQ(versions.body, json::parse(R"([{"subject":":.team-a:orders","version":1},{"subject":":.team-a:other","version":1}])"));
  EXPECT_EQ(call("GET", "/schemas/ids/1/subjects").body, json::parse(R"(["orders"])"));

  // The store keeps it across a restart.
  restart();
  EXPECT_EQ(call("GET", "/schemas/ids/1?subject=:.team-b:orders").body["schema"], schema_a);
  auto third = register_avro(":.team-a:third", record("C", {R"({"name":"x","type":"long"})"}));
  EXPECT_EQ(third.body["id"], 3);
  auto plain_next = register_avro("plain", record("C", {R"({"name":"x","type":"long"})"}));
  EXPECT_EQ(plain_next.body["id"], 2);
}

// Who may read /schemas/ids/{id} depends on the subjects using the id where the request
// finds it: with ?subject= naming a context, that context's.
TEST_F(ContextsTest, SubjectsUsingASchemaAreTheRequestedContexts) {
  ASSERT_EQ(register_avro("orders", schema_a).status, 200);
  ASSERT_EQ(register_avro(":.team-a:payments", schema_b).status, 200);
  auto subjects_of = [&](const std::string& target) {
    return api_->subjects_using_schema(request_for("GET", target));
  };
  EXPECT_EQ(subjects_of("/schemas/ids/1"), (std::vector<std::string>{"orders"}));
  EXPECT_EQ(subjects_of("/schemas/ids/1?subject=%3A.team-a%3A"), (std::vector<std::string>{":.team-a:payments"}));
  EXPECT_FALSE(subjects_of("/schemas/ids/9"));
}

TEST_F(ContextsTest, DefaultContextQualifiedIsThePlainSubject) {
  ASSERT_EQ(register_avro(":.:orders", schema_a).status, 200);
  EXPECT_EQ(call("GET", "/subjects").body, json::parse(R"(["orders"])"));
  EXPECT_EQ(call("GET", "/subjects/:.:orders/versions/1").body["subject"], "orders");
  EXPECT_EQ(call("GET", "/contexts").body, json::parse(R"(["."])"));
  EXPECT_EQ(context_records("."), 0u) << "the default context has no CONTEXT record";
}

TEST_F(ContextsTest, ContextRecordOnFirstUseAndContextsListing) {
  ASSERT_EQ(register_avro(":.team-b:x", schema_a).status, 200);
  ASSERT_EQ(register_avro(":.team-b:y", schema_b).status, 200);
  ASSERT_EQ(register_avro(":.team-a:x", schema_a).status, 200);
  EXPECT_EQ(context_records(".team-b"), 1u);
  EXPECT_EQ(context_records(".team-a"), 1u);
  // The CONTEXT key and value in Confluent's bytes.
  auto records = log_->read(Offset{0}, std::chrono::milliseconds(0), 100);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(*(*records)[0].record.key, R"({"keytype":"CONTEXT","tenant":"default","context":".team-b","magic":0})");
  EXPECT_EQ(*(*records)[0].record.value, R"({"tenant":"default","context":".team-b"})");

  EXPECT_EQ(call("GET", "/contexts").body, json::parse(R"([".",".team-a",".team-b"])"));
  EXPECT_EQ(call("GET", "/contexts?contextPrefix=.team-b").body, json::parse(R"([".team-b"])"));
  EXPECT_EQ(call("GET", "/contexts?offset=1&limit=1").body, json::parse(R"([".team-a"])"));

  auto refused = call("DELETE", "/contexts/.team-b");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["error_code"], 42211);
  EXPECT_EQ(refused.body["message"], "The specified context ':.team-b:' is not empty.");
  // Soft-deleted subjects still count; permanently deleted ones do not.
  for (const char* s : {":.team-b:x", ":.team-b:y"}) ASSERT_EQ(call("DELETE", std::string("/subjects/") + s).status, 200);
  EXPECT_EQ(call("DELETE", "/contexts/:.team-b:").status, 422);
  for (const char* s : {":.team-b:x", ":.team-b:y"})
    ASSERT_EQ(call("DELETE", std::string("/subjects/") + s + "?permanent=true").status, 200);
  EXPECT_EQ(call("DELETE", "/contexts/.team-b").status, 204);
  EXPECT_EQ(call("GET", "/contexts").body, json::parse(R"([".",".team-a"])"));
  restart();
  EXPECT_EQ(call("GET", "/contexts").body, json::parse(R"([".",".team-a"])"));
  // A new registration brings the context (and its record) back; its ids continue.
  auto back = register_avro(":.team-b:z", schema_b);
  EXPECT_EQ(back.body["id"], 3) << "the high-water mark of .team-b survives its deletion";
  EXPECT_EQ(context_records(".team-b"), 2u);
}

TEST_F(ContextsTest, SubjectPrefixes) {
  ASSERT_EQ(register_avro("plain", schema_a).status, 200);
  ASSERT_EQ(register_avro(":.a:one", schema_a).status, 200);
  ASSERT_EQ(register_avro(":.ab:two", schema_b).status, 200);
  EXPECT_EQ(call("GET", "/subjects").body, json::parse(R"([":.a:one",":.ab:two","plain"])")) << "default `:*:`";
  EXPECT_EQ(call("GET", "/subjects?subjectPrefix=:*:").body, json::parse(R"([":.a:one",":.ab:two","plain"])"));
  EXPECT_EQ(call("GET", "/subjects?subjectPrefix=:*:t").body, json::parse(R"([":.ab:two"])"));
  EXPECT_EQ(call("GET", "/subjects?subjectPrefix=:.a:").body, json::parse(R"([":.a:one"])"));
  EXPECT_EQ(call("GET", "/subjects?subjectPrefix=:.a").body, json::parse(R"([":.a:one",":.ab:two"])"));
  EXPECT_EQ(call("GET", "/subjects?subjectPrefix=").body, json::parse(R"(["plain"])")) << "the default context";
  EXPECT_EQ(call("GET", "/subjects?subjectPrefix=pl").body, json::parse(R"(["plain"])"));

  EXPECT_EQ(call("GET", "/schemas").body.size(), 1u) << "/schemas defaults to the default context";
  auto all = call("GET", "/schemas?subjectPrefix=:*:");
  ASSERT_EQ(all.body.size(), 3u);
  auto in_ab = call("GET", "/schemas?subjectPrefix=:.ab:");
  ASSERT_EQ(in_ab.body.size(), 1u);
  EXPECT_EQ(in_ab.body[0]["subject"], ":.ab:two");
  EXPECT_EQ(in_ab.body[0]["id"], 1);
  EXPECT_EQ(in_ab.body[0]["schema"], schema_b);
}

TEST_F(ContextsTest, ConfigPerContextAndGlobalRecord) {
  // The `:.__GLOBAL:` record is the last resort, for every context.
  ASSERT_EQ(call("PUT", "/config/:.__GLOBAL:", json{{"compatibility", "FULL"}}).status, 200);
  EXPECT_EQ(call("GET", "/config/:.a:s?defaultToGlobal=true").body["compatibilityLevel"], "FULL");
  EXPECT_EQ(call("GET", "/config?defaultToGlobal=true").body["compatibilityLevel"], "FULL");
  EXPECT_EQ(call("GET", "/config").body["compatibilityLevel"], "BACKWARD") << "without defaultToGlobal";
  EXPECT_EQ(call("GET", "/config/:.__GLOBAL:").body["compatibilityLevel"], "FULL");
  // A context's own record beats it; the global record applies to the default context only.
  ASSERT_EQ(call("PUT", "/config/:.a:", json{{"compatibility", "NONE"}}).status, 200);
  ASSERT_EQ(call("PUT", "/config", json{{"compatibility", "FORWARD"}}).status, 200);
  EXPECT_EQ(call("GET", "/config/:.a:s?defaultToGlobal=true").body["compatibilityLevel"], "NONE");
  EXPECT_EQ(call("GET", "/config/:.b:s?defaultToGlobal=true").body["compatibilityLevel"], "FULL");
  EXPECT_EQ(call("GET", "/config/s?defaultToGlobal=true").body["compatibilityLevel"], "FORWARD");
  EXPECT_EQ(call("GET", "/config/:.a:").body["compatibilityLevel"], "NONE");
  auto none = call("GET", "/config/:.b:");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.body["error_code"], 40408);
  // `:.:` is the default context itself: the top level.
  EXPECT_EQ(call("GET", "/config/:.:").body["compatibilityLevel"], "FORWARD");
  // The context's NONE lets an incompatible schema in; BACKWARD-less .b follows FULL.
  ASSERT_EQ(register_avro(":.a:s", schema_a).status, 200);
  EXPECT_EQ(register_avro(":.a:s", schema_b).status, 200);
  ASSERT_EQ(register_avro(":.b:s", schema_a).status, 200);
  EXPECT_EQ(register_avro(":.b:s", schema_b).status, 409);
  // The CONFIG key of a context-level record carries the subject `:.a:`.
  bool found = false;
  for (const auto& key : log_keys())
    if (key.type == log::KeyType::Config && key.subject == ":.a:") found = true;
  EXPECT_TRUE(found);
  EXPECT_EQ(call("PUT", "/config/:*:x", json{{"compatibility", "NONE"}}).body["error_code"], 42208);
}

TEST_F(ContextsTest, ModePerContext) {
  ASSERT_EQ(register_avro(":.a:s", schema_a).status, 200);
  ASSERT_EQ(call("PUT", "/mode/:.a:", json{{"mode", "READONLY"}}).status, 200);
  auto refused = register_avro(":.a:t", schema_b);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["error_code"], 42205);
  EXPECT_EQ(refused.body["message"], "Subject :.a:t in context :.a: is in read-only mode");
  EXPECT_EQ(register_avro("plain", schema_b).status, 200) << "the default context is not affected";
  EXPECT_EQ(call("GET", "/mode/:.a:t?defaultToGlobal=true").body["mode"], "READONLY");
  EXPECT_EQ(call("GET", "/mode/:.a:").body["mode"], "READONLY");
  EXPECT_EQ(call("GET", "/mode/:.b:").body["error_code"], 40409);
  // `:.__GLOBAL:` applies where nothing closer is set.
  ASSERT_EQ(call("PUT", "/mode/:.__GLOBAL:", json{{"mode", "READONLY"}}).status, 200);
  EXPECT_EQ(register_avro(":.b:x", schema_a).status, 422);
  EXPECT_EQ(register_avro("plain2", schema_a).body["error_code"], 42205);
  EXPECT_EQ(register_avro("plain2", schema_a).body["message"], "Subject plain2 is in read-only mode");
  ASSERT_EQ(call("DELETE", "/mode/:.__GLOBAL:").status, 200);
  // IMPORT on a context: refused while that context has live subjects, not for others.
  ASSERT_EQ(call("DELETE", "/mode/:.a:").status, 200);
  EXPECT_EQ(call("PUT", "/mode/:.a:", json{{"mode", "IMPORT"}}).body["error_code"], 42205);
  EXPECT_EQ(call("PUT", "/mode/:.c:", json{{"mode", "IMPORT"}}).status, 200);
  auto imported = call("POST", "/subjects/:.c:imp/versions", json{{"schema", schema_b}, {"id", 7}});
  ASSERT_EQ(imported.status, 200) << imported.text;
  auto overwrite = call("POST", "/subjects/:.c:imp2/versions", json{{"schema", schema_a}, {"id", 7}});
  EXPECT_EQ(overwrite.body["message"], "Overwrite new schema with id 7 in context :.c: is not permitted.");
  auto no_id = register_avro("plain3", schema_a);
  EXPECT_EQ(no_id.status, 200) << "the default context stays READWRITE";
}

TEST_F(ContextsTest, ReferencesResolveInTheReferrersContext) {
  const std::string money = record("Money", {R"({"name":"units","type":"long"})"});
  const std::string other_money = record("Money", {R"({"name":"cents","type":"int"})"});
  ASSERT_EQ(register_avro("money", other_money).status, 200);
  ASSERT_EQ(register_avro(":.a:money", money).status, 200);
  const json order{{"schema", record("Order", {R"({"name":"total","type":"Money"})"})},
                   {"references", json::array({{{"name", "Money"}, {"subject", "money"}, {"version", 1}}})}};
  auto registered = call("POST", "/subjects/:.a:order/versions", order);
  ASSERT_EQ(registered.status, 200) << registered.text;
  EXPECT_EQ(registered.body["id"], 2);
  // Referenced by, in the target's context.
  EXPECT_EQ(call("GET", "/subjects/:.a:money/versions/1/referencedby").body, json::parse("[2]"));
  EXPECT_EQ(call("GET", "/subjects/money/versions/1/referencedby").body, json::parse("[]"));
  EXPECT_EQ(call("DELETE", "/subjects/:.a:money/versions/1").body["error_code"], 42206);
  auto resolved = call("GET", "/subjects/:.a:order/versions/1?format=resolved");
  ASSERT_EQ(resolved.status, 200);
  EXPECT_NE(resolved.body["schema"].get<std::string>().find("units"), std::string::npos) << resolved.text;
}

TEST_F(ContextsTest, LookupAndGuids) {
  ASSERT_EQ(register_avro("orders", schema_a).status, 200);
  ASSERT_EQ(register_avro(":.a:orders", schema_a).status, 200);
  ASSERT_EQ(register_avro(":.b:events", schema_b).status, 200);
  auto here = call("POST", "/subjects/:.a:orders", json{{"schema", schema_a}});
  ASSERT_EQ(here.status, 200) << here.text;
  EXPECT_EQ(here.body["subject"], ":.a:orders");
  // An unqualified lookup tries each named context after its own.
  auto there = call("POST", "/subjects/events", json{{"schema", schema_b}});
  ASSERT_EQ(there.status, 200) << there.text;
  EXPECT_EQ(there.body["subject"], ":.b:events");
  EXPECT_EQ(call("POST", "/subjects/:.a:events", json{{"schema", schema_b}}).body["error_code"], 40401);

  const std::string guid = here.body["guid"];
  auto ids = call("GET", "/schemas/guids/" + guid + "/ids");
  EXPECT_EQ(ids.body, json::parse(R"([{"context":".","id":1},{"context":".a","id":1}])"));
  const std::string guid_b = there.body["guid"];
  EXPECT_EQ(call("GET", "/schemas/guids/" + guid_b + "/ids").body, json::parse(R"([{"context":".b","id":1}])"));
  EXPECT_EQ(call("GET", "/schemas/guids/" + guid_b).body["schema"], schema_b);
}

TEST_F(ContextsTest, CatalogListsQualifiedSubjectsWithTheirContextsLevel) {
  ASSERT_EQ(call("PUT", "/config/:.a:", json{{"compatibility", "NONE"}}).status, 200);
  ASSERT_EQ(call("POST", "/subjects/:.a:orders/versions",
                 json{{"schema", schema_a}, {"metadata", {{"properties", {{"owner", "team-a"}}}}}})
                .status,
            200);
  ASSERT_EQ(register_avro("orders", schema_b).status, 200);
  auto all = call("GET", "/accord/v1/catalog");
  ASSERT_EQ(all.status, 200) << all.text;
  ASSERT_EQ(all.body["total"], 2);
  EXPECT_EQ(all.body["items"][0]["subject"], ":.a:orders");
  EXPECT_EQ(all.body["items"][0]["owner"], "team-a");
  EXPECT_EQ(all.body["items"][0]["compatibility"], "NONE") << "the context's level";
  EXPECT_EQ(all.body["items"][1]["compatibility"], "BACKWARD");
  auto none = call("GET", "/accord/v1/catalog?compatibility=NONE");
  ASSERT_EQ(none.body["total"], 1);
  EXPECT_EQ(none.body["items"][0]["subject"], ":.a:orders");
  auto diff = call("GET", "/accord/v1/subjects/:.a:orders/diff?from=1&to=1");
  EXPECT_EQ(diff.status, 200) << diff.text;
}

}  // namespace
}  // namespace accord::api::testing
