// Data-contract configuration [7.4+] (rest-api.md §5.8, §5.5) and subject aliases [7.5+]:
// defaultMetadata / overrideMetadata / defaultRuleSet / overrideRuleSet merged into each
// registration, inheritance from the previous version, `confluent:version`, the lookup's
// second attempt, compatibilityGroup, and reads through an alias.
#include "api_fixture.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

class DataContractTest : public ApiTest {
 protected:
  Reply put_config(const std::string& subject, const json& body) {
    auto reply = call("PUT", subject.empty() ? "/config" : "/config/" + subject, body);
    EXPECT_EQ(reply.status, 200) << reply.text;
    return reply;
  }
  Reply register_schema(const std::string& subject, const json& body) {
    return call("POST", "/subjects/" + subject + "/versions", body);
  }
  std::string rec(const std::string& field_type) {
    return record("R", {R"({"name":"a","type":")" + field_type + R"("})"});
  }
};

TEST_F(DataContractTest, DefaultRequestAndOverrideMetadataMerge) {
  put_config("s", json::parse(R"({"defaultMetadata":{"properties":{"owner":"default","team":"t0"},"sensitive":["k1"],
                                   "tags":{"R.a":["DEFAULT"]}},
                                   "overrideMetadata":{"properties":{"team":"forced"},"sensitive":["k3"]}})"));
  auto registered = register_schema("s", {{"schema", rec("int")},
                                          {"metadata", json::parse(R"({"properties":{"owner":"me","extra":"x"},
                                                                       "sensitive":["k2"],"tags":{"R.a":["PII"]}})")}});
  ASSERT_EQ(registered.status, 200) << registered.text;
  const json expected = json::parse(R"({"tags":{"R.a":["PII"]},"properties":{"extra":"x","owner":"me","team":"forced"},
                                       "sensitive":["k1","k2","k3"]})");
  EXPECT_EQ(registered.body["metadata"], expected);
  EXPECT_EQ(call("GET", "/subjects/s/versions/1").body["metadata"], expected);
  // The metadata endpoint sees the merged properties.
  auto latest = call("GET", "/subjects/s/metadata?key=team&value=forced");
  ASSERT_EQ(latest.status, 200) << latest.text;
  EXPECT_EQ(latest.body["version"], 1);
  EXPECT_EQ(call("GET", "/subjects/s/metadata?key=team&value=t0").body["error_code"], 40403);
}

TEST_F(DataContractTest, GlobalConfigAppliesWhenTheSubjectHasNone) {
  put_config("", json::parse(R"({"defaultMetadata":{"properties":{"owner":"global"}}})"));
  auto registered = register_schema("s", {{"schema", rec("int")}});
  ASSERT_EQ(registered.status, 200) << registered.text;
  EXPECT_EQ(registered.body["metadata"], json::parse(R"({"properties":{"owner":"global"}})"));
  // A subject record replaces the global one as a whole (Confluent's config in scope).
  put_config("t", json{{"compatibility", "NONE"}});
  auto other = register_schema("t", {{"schema", rec("int")}});
  ASSERT_EQ(other.status, 200) << other.text;
  EXPECT_FALSE(other.body.contains("metadata"));
}

TEST_F(DataContractTest, PreviousVersionMetadataAndRulesAreInherited) {
  const json rules = json::parse(R"({"domainRules":[{"name":"r1","kind":"CONDITION","mode":"WRITE","type":"CEL","expr":"true"}]})");
  ASSERT_EQ(register_schema("s", {{"schema", rec("int")}, {"metadata", {{"properties", {{"owner", "me"}}}}},
                                   {"ruleSet", rules}}).status, 200);
  auto second = register_schema("s", {{"schema", record("R", {R"({"name":"a","type":"int"})",
                                                              R"({"name":"b","type":"int","default":0})"})}});
  ASSERT_EQ(second.status, 200) << second.text;
  EXPECT_EQ(second.body["version"], 2);
  EXPECT_EQ(second.body["metadata"], json::parse(R"({"properties":{"owner":"me"}})"));
  EXPECT_EQ(second.body["ruleSet"], rules);
  // v1's text without metadata inherits v2's metadata and rules, which are v1's: it is v1.
  auto again = register_schema("s", {{"schema", rec("int")}});
  ASSERT_EQ(again.status, 200) << again.text;
  EXPECT_EQ(again.body["version"], 1) << "the merged request is v1's schema";
}

TEST_F(DataContractTest, NoSchemaTextReusesThePreviousVersion) {
  ASSERT_EQ(register_schema("s", {{"schema", rec("int")}}).status, 200);
  auto rules_only = register_schema("s", json::parse(R"({"ruleSet":{"domainRules":[{"name":"r","type":"CEL","expr":"1"}]}})"));
  ASSERT_EQ(rules_only.status, 200) << rules_only.text;
  EXPECT_EQ(rules_only.body["version"], 2);
  EXPECT_EQ(rules_only.body["schema"], call("GET", "/subjects/s/versions/1").body["schema"]);
  EXPECT_NE(rules_only.body["id"], 1) << "the ruleSet is part of the identity";
  // Without a previous version there is nothing to reuse.
  auto empty = register_schema("fresh", json::parse(R"({"metadata":{"properties":{"a":"b"}}})"));
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.body["error_code"], 42201);
}

TEST_F(DataContractTest, RuleSetsMergeByRuleName) {
  put_config("s", json::parse(R"({"defaultRuleSet":{"domainRules":[{"name":"a","type":"CEL","expr":"default-a"},
                                                                 {"name":"b","type":"CEL","expr":"default-b"}]},
                                   "overrideRuleSet":{"domainRules":[{"name":"c","type":"CEL","expr":"forced-c"}]}})"));
  auto registered = register_schema("s", {{"schema", rec("int")},
                                     {"ruleSet", json::parse(R"({"domainRules":[{"name":"a","type":"CEL","expr":"mine"}]})")}});
  ASSERT_EQ(registered.status, 200) << registered.text;
  std::vector<std::string> order;
  for (const auto& rule : registered.body["ruleSet"]["domainRules"])
    order.push_back(rule["name"].get<std::string>() + "=" + rule["expr"].get<std::string>());
  EXPECT_EQ(order, (std::vector<std::string>{"b=default-b", "a=mine", "c=forced-c"}));
}

TEST_F(DataContractTest, ConfluentVersionProperty) {
  ASSERT_EQ(register_schema("s", {{"schema", rec("int")}}).status, 200);
  auto named = register_schema("s", {{"schema", record("R", {R"({"name":"a","type":"int"})",
                                                             R"({"name":"b","type":"int","default":0})"})},
                                     {"version", 2}});
  ASSERT_EQ(named.status, 200) << named.text;
  EXPECT_EQ(named.body["metadata"]["properties"]["confluent:version"], "2");
  // Once present it follows every new version, even when the request names none.
  auto next = register_schema("s", {{"schema", record("R", {R"({"name":"a","type":"int"})",
                                                            R"({"name":"b","type":"int","default":0})",
                                                            R"({"name":"c","type":"int","default":0})"})}});
  ASSERT_EQ(next.status, 200) << next.text;
  EXPECT_EQ(next.body["version"], 3);
  EXPECT_EQ(next.body["metadata"]["properties"]["confluent:version"], "3");
}

TEST_F(DataContractTest, LookupRepeatsTheMergeBeforeASecondAttempt) {
  put_config("s", json::parse(R"({"overrideMetadata":{"properties":{"owner":"forced"}}})"));
  ASSERT_EQ(register_schema("s", {{"schema", rec("int")}}).status, 200);
  auto found = call("POST", "/subjects/s", json{{"schema", rec("int")}});
  ASSERT_EQ(found.status, 200) << found.text;
  EXPECT_EQ(found.body["version"], 1);
  EXPECT_EQ(found.body["metadata"], json::parse(R"({"properties":{"owner":"forced"}})"));
  auto other = call("POST", "/subjects/s", json{{"schema", rec("long")}});
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body["error_code"], 40403);
  // Registering the same text again answers v1 (the fast path is skipped, the merge finds it).
  auto again = register_schema("s", {{"schema", rec("int")}});
  ASSERT_EQ(again.status, 200) << again.text;
  EXPECT_EQ(again.body["version"], 1);
}

TEST_F(DataContractTest, CompatibilityGroupLimitsTheCheckedVersions) {
  put_config("s", json{{"compatibility", "BACKWARD"}, {"compatibilityGroup", "major"}});
  ASSERT_EQ(register_schema("s", {{"schema", rec("int")}, {"metadata", {{"properties", {{"major", "1"}}}}}}).status, 200);
  // Incompatible with v1 but in another group: accepted.
  auto major2 = register_schema("s", {{"schema", rec("string")}, {"metadata", {{"properties", {{"major", "2"}}}}}});
  ASSERT_EQ(major2.status, 200) << major2.text;
  EXPECT_EQ(major2.body["version"], 2);
  // Incompatible with v2, same group: refused.
  auto breaking = register_schema("s", {{"schema", rec("boolean")}, {"metadata", {{"properties", {{"major", "2"}}}}}});
  EXPECT_EQ(breaking.status, 409) << breaking.text;
  // The compatibility endpoint checks the candidate's group as registration does.
  auto check = call("POST", "/compatibility/subjects/s/versions",
                    json{{"schema", rec("boolean")}, {"metadata", {{"properties", {{"major", "3"}}}}}});
  ASSERT_EQ(check.status, 200) << check.text;
  EXPECT_EQ(check.body["is_compatible"], true);
  auto same_group = call("POST", "/compatibility/subjects/s/versions",
                         json{{"schema", rec("boolean")}, {"metadata", {{"properties", {{"major", "2"}}}}}});
  EXPECT_EQ(same_group.body["is_compatible"], false);
}

TEST_F(DataContractTest, ValidateFieldsKeepsReservedFieldsReserved) {
  const json reserved = {{"properties", {{"confluent:reserved", "ssn, dob"}}}};
  // Without validateFields the reserved list is only metadata.
  put_config("plain", json{{"compatibility", "NONE"}});
  EXPECT_EQ(register_schema("plain", {{"schema", record("P", {R"({"name":"ssn","type":"string"})"})},
                                      {"metadata", reserved}}).status, 200);

  put_config("s", json{{"compatibility", "NONE"}, {"validateFields", true}});
  auto conflicting = register_schema("s", {{"schema", record("P", {R"({"name":"ssn","type":"string"})"})},
                                           {"metadata", reserved}});
  ASSERT_EQ(conflicting.status, 409) << conflicting.text;
  EXPECT_NE(conflicting.body["message"].get<std::string>().find(
                "The new schema has field that conflicts with the reserved field ssn., "
                "{validateFields: 'true', compatibility: 'NONE'}"),
            std::string::npos) << conflicting.text;
  ASSERT_EQ(register_schema("s", {{"schema", record("P", {R"({"name":"name","type":"string"})"})},
                                  {"metadata", reserved}}).status, 200);
  // A later version may not drop a reserved field from its list.
  const json fewer = {{"properties", {{"confluent:reserved", "ssn"}}}};
  auto dropped = register_schema("s", {{"schema", record("P", {R"({"name":"other","type":"string"})"})},
                                       {"metadata", fewer}});
  ASSERT_EQ(dropped.status, 409) << dropped.text;
  EXPECT_NE(dropped.body["message"].get<std::string>().find(
                "The new schema has reserved field dob removed from its metadata which is present in the old "
                "schema's metadata."),
            std::string::npos) << dropped.text;
  // The compatibility endpoint says the same.
  auto check = call("POST", "/compatibility/subjects/s/versions?verbose=true",
                    json{{"schema", record("P", {R"({"name":"dob","type":"int"})"})}, {"metadata", reserved}});
  ASSERT_EQ(check.status, 200) << check.text;
  EXPECT_EQ(check.body["is_compatible"], false);
  EXPECT_EQ(check.body["messages"][0], "The new schema has field that conflicts with the reserved field dob.");
}

TEST_F(DataContractTest, ValidateFieldsRefusesJsonSchemaNamesWithTwoDollars) {
  const json schema = {{"schemaType", "JSON"}, {"schema", R"({"type":"object","properties":{"$$id":{"type":"string"}}})"}};
  put_config("loose", json{{"compatibility", "NONE"}});
  EXPECT_EQ(register_schema("loose", schema).status, 200);
  put_config("strict", json{{"validateFields", true}});
  auto refused = register_schema("strict", schema);
  EXPECT_EQ(refused.status, 422) << refused.text;
  EXPECT_EQ(refused.body["error_code"], 42201);
  EXPECT_NE(refused.body["message"].get<std::string>().find("Field names cannot start with $$ prefix"), std::string::npos);
}

TEST_F(DataContractTest, ImportTakesTheRequestAsItIs) {
  put_config("s", json::parse(R"({"overrideMetadata":{"properties":{"owner":"forced"}}})"));
  ASSERT_EQ(call("PUT", "/mode/s", json{{"mode", "IMPORT"}}).status, 200);
  auto imported = register_schema("s", {{"schema", rec("int")}, {"id", 40}, {"version", 1}});
  ASSERT_EQ(imported.status, 200) << imported.text;
  EXPECT_FALSE(imported.body.contains("metadata"));
}

TEST_F(DataContractTest, AliasServesReadsFromTheTarget) {
  ASSERT_EQ(register_schema("target", {{"schema", rec("int")}, {"metadata", {{"properties", {{"k", "v"}}}}}}).status, 200);
  put_config("alias", json{{"alias", "target"}});
  EXPECT_EQ(call("GET", "/subjects/alias/versions").body, json::array({1}));
  auto version = call("GET", "/subjects/alias/versions/1");
  ASSERT_EQ(version.status, 200) << version.text;
  EXPECT_EQ(version.body["subject"], "target");
  EXPECT_EQ(version.body["id"], 1);
  EXPECT_EQ(call("GET", "/subjects/alias/versions/latest/schema").text, call("GET", "/subjects/target/versions/1/schema").text);
  auto lookup = call("POST", "/subjects/alias", json{{"schema", rec("int")}});
  ASSERT_EQ(lookup.status, 200) << lookup.text;
  EXPECT_EQ(lookup.body["subject"], "target");
  EXPECT_EQ(call("GET", "/subjects/alias/metadata?key=k&value=v").body["version"], 1);
  // Writes act on the alias subject itself.
  auto registered = register_schema("alias", {{"schema", rec("long")}});
  ASSERT_EQ(registered.status, 200) << registered.text;
  EXPECT_EQ(call("GET", "/subjects").body, json::array({"alias", "target"}));
  EXPECT_EQ(call("GET", "/subjects/target/versions").body, json::array({1}));
  EXPECT_EQ(call("GET", "/subjects/alias/versions").body, json::array({1})) << "reads still follow the alias";
  // Without the alias the subject's own versions are served.
  ASSERT_EQ(call("DELETE", "/config/alias").status, 200);
  EXPECT_EQ(call("GET", "/subjects/alias/versions/1").body["subject"], "alias");
  // An alias to an unknown subject reads as that subject: 40401.
  put_config("dangling", json{{"alias", "nowhere"}});
  EXPECT_EQ(call("GET", "/subjects/dangling/versions").body["error_code"], 40401);
}

}  // namespace
}  // namespace accord::api::testing
