// GET /accord/v1/catalog, /accord/v1/map, /accord/v1/subjects/{s}/diff and .../outline, and
// the web UI's files under /ui/.
#include "api_fixture.hpp"
#include "request_for.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

class CatalogTest : public ApiTest {
 protected:
  // Registers an Avro record with governance metadata.
  void add(const std::string& subject, const std::string& schema, const json& properties = json::object(),
           const std::string& type = "AVRO") {
    json body = {{"schema", schema}, {"schemaType", type}};
    if (!properties.empty()) body["metadata"] = {{"properties", properties}};
    auto reply = call("POST", "/subjects/" + subject + "/versions", body);
    ASSERT_EQ(reply.status, 200) << reply.text;
  }

  std::vector<std::string> subjects(const json& page) {
    std::vector<std::string> out;
    for (const auto& item : page["items"]) out.push_back(item["subject"]);
    return out;
  }

  void seed() {
    add("orders-value", record("OrderPlaced", {R"({"name":"orderId","type":"string","doc":"the order's key"})"}),
        {{"owner", "checkout-team"}, {"producers", "checkout"}, {"consumers", "billing,shipping"},
         {"description", "An order was placed"}});
    add("payments-value", record("PaymentTaken", {R"({"name":"amount","type":"long"})"}),
        {{"owner", "payments-team"}, {"producers", "payments"}, {"consumers", "billing"}});
    add("users-json", R"({"type":"object","title":"User","properties":{"email":{"type":"string","description":"contact address"}}})",
        {}, "JSON");
    add("money", "syntax = \"proto3\";\nmessage Money {\n  int64 units = 1;\n  string currency_code = 2;\n}\n", {},
        "PROTOBUF");
  }
};

TEST_F(CatalogTest, SearchesNamesFieldsDocsAndGovernance) {
  seed();
  auto all = call("GET", "/accord/v1/catalog");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.body["total"], 4);
  EXPECT_EQ(subjects(all.body), (std::vector<std::string>{"money", "orders-value", "payments-value", "users-json"}));
  const auto& order = all.body["items"][1];
  EXPECT_EQ(order["owner"], "checkout-team");
  EXPECT_EQ(order["producers"], json::array({"checkout"}));
  EXPECT_EQ(order["consumers"], json::array({"billing", "shipping"}));
  EXPECT_EQ(order["schemaType"], "AVRO");
  EXPECT_EQ(order["version"], 1);
  EXPECT_EQ(order["compatibility"], "BACKWARD");

  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?q=key").body), (std::vector<std::string>{"orders-value"}));  // doc
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?q=order%20id").body), (std::vector<std::string>{"orders-value"}));
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?q=billing").body),
            (std::vector<std::string>{"orders-value", "payments-value"}));
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?q=contact").body), (std::vector<std::string>{"users-json"}));
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?q=currency").body), (std::vector<std::string>{"money"}));
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?q=Money").body), (std::vector<std::string>{"money"}));
  EXPECT_EQ(call("GET", "/accord/v1/catalog?q=nothing").body["total"], 0);
}

TEST_F(CatalogTest, FiltersCombine) {
  seed();
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?producer=payments").body),
            (std::vector<std::string>{"payments-value"}));
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?consumer=billing&owner=checkout-team").body),
            (std::vector<std::string>{"orders-value"}));
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?schemaType=protobuf").body), (std::vector<std::string>{"money"}));
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?property=description").body),
            (std::vector<std::string>{"orders-value"}));
  ASSERT_EQ(call("PUT", "/config/money", json{{"compatibility", "FULL"}}).status, 200);
  EXPECT_EQ(subjects(call("GET", "/accord/v1/catalog?compatibility=full").body), (std::vector<std::string>{"money"}));
  EXPECT_EQ(call("GET", "/accord/v1/catalog?compatibility=BACKWARD").body["total"], 3);
  // An empty filter (a cleared form field) filters nothing.
  EXPECT_EQ(call("GET", "/accord/v1/catalog?owner=&producer=&schemaType=").body["total"], 4);
}

TEST_F(CatalogTest, PagesWithTheTotal) {
  for (int i = 0; i < 7; ++i) add("page-" + std::to_string(i), record("R" + std::to_string(i), {}));
  auto page = call("GET", "/accord/v1/catalog?offset=5&limit=5");
  EXPECT_EQ(page.body["total"], 7);
  EXPECT_EQ(subjects(page.body), (std::vector<std::string>{"page-5", "page-6"}));
  EXPECT_EQ(call("GET", "/accord/v1/catalog?limit=0").body["items"].size(), 0u);
  EXPECT_EQ(call("GET", "/accord/v1/catalog?offset=100").body["total"], 7);
}

TEST_F(CatalogTest, DeletedSubjectsOnlyWhenAsked) {
  seed();
  ASSERT_EQ(call("DELETE", "/subjects/money").status, 200);
  EXPECT_EQ(call("GET", "/accord/v1/catalog").body["total"], 3);
  auto with = call("GET", "/accord/v1/catalog?deleted=true&q=money");
  ASSERT_EQ(with.body["total"], 1);
  EXPECT_EQ(with.body["items"][0]["deleted"], true);
}

TEST_F(CatalogTest, BadParametersAreClearErrors) {
  for (const char* target : {"/accord/v1/catalog?limit=-1", "/accord/v1/catalog?limit=abc", "/accord/v1/catalog?limit=5000",
                             "/accord/v1/catalog?offset=x", "/accord/v1/catalog?schemaType=XML", "/accord/v1/map?service="}) {
    auto reply = call("GET", target);
    EXPECT_EQ(reply.status, 400) << target;
    EXPECT_EQ(reply.body["error_code"], 400) << target;
    EXPECT_FALSE(reply.body["message"].get<std::string>().empty()) << target;
  }
  auto level = call("GET", "/accord/v1/catalog?compatibility=SIDEWAYS");
  EXPECT_EQ(level.status, 422);
  EXPECT_EQ(level.body["error_code"], 42203);
  EXPECT_EQ(call("GET", "/accord/v1/catalog?q=" + std::string(1200, 'a')).status, 400);
}

TEST_F(CatalogTest, OnlyReadableSubjectsAreCounted) {
  seed();
  auto request = request_for("GET", "/accord/v1/catalog");
  request.may_read = [](const std::string& subject) { return subject.starts_with("orders"); };
  auto reply = json::parse(api_->handle(request).body);
  EXPECT_EQ(reply["total"], 1);
  EXPECT_EQ(reply["items"][0]["subject"], "orders-value");
  ASSERT_TRUE(parse_target("/accord/v1/map", request));
  auto map = json::parse(api_->handle(request).body);
  EXPECT_EQ(map["subjects"].size(), 1u);
  for (const auto& edge : map["edges"]) EXPECT_EQ(edge["subject"], "orders-value");
}

TEST_F(CatalogTest, MapShowsServicesAndEdges) {
  seed();
  auto map = call("GET", "/accord/v1/map");
  ASSERT_EQ(map.status, 200) << map.text;
  EXPECT_EQ(map.body["subjects"].size(), 2u);  // only subjects with producers or consumers
  std::vector<std::string> names;
  for (const auto& s : map.body["services"]) names.push_back(s["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"billing", "checkout", "payments", "shipping"}));
  EXPECT_EQ(map.body["services"][0]["consumes"], json::array({"orders-value", "payments-value"}));
  EXPECT_EQ(map.body["edges"].size(), 5u);
  auto billing = call("GET", "/accord/v1/map?service=shipping");
  ASSERT_EQ(billing.body["subjects"].size(), 1u);
  EXPECT_EQ(billing.body["subjects"][0]["subject"], "orders-value");
  EXPECT_EQ(call("GET", "/accord/v1/map?owner=payments-team").body["subjects"].size(), 1u);
  auto limited = call("GET", "/accord/v1/map?limit=1");
  EXPECT_EQ(limited.body["truncated"], true);
  EXPECT_EQ(limited.body["total"], 2);
}

TEST_F(CatalogTest, AvroDiffIsStructuralWithVerdictsBothWays) {
  add("o", record("Order", {R"({"name":"id","type":"string"})", R"({"name":"user_name","type":"string"})",
                            R"({"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}})"}));
  ASSERT_EQ(call("PUT", "/config/o", json{{"compatibility", "NONE"}}).status, 200);
  add("o", record("Order", {R"({"name":"id","type":"long"})", R"({"name":"username","type":"string"})",
                            R"({"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","SHIPPED"]}})",
                            R"({"name":"note","type":["null","string"],"default":null})"}));
  auto diff = call("GET", "/accord/v1/subjects/o/diff?from=1&to=latest");
  ASSERT_EQ(diff.status, 200) << diff.text;
  EXPECT_EQ(diff.body["from"]["version"], 1);
  EXPECT_EQ(diff.body["to"]["version"], 2);
  std::set<std::string> kinds;
  for (const auto& c : diff.body["changes"]) kinds.insert(c["kind"].get<std::string>() + ":" + c["path"].get<std::string>());
  EXPECT_TRUE(kinds.count("type_changed:id"));
  EXPECT_TRUE(kinds.count("field_removed:user_name"));
  EXPECT_TRUE(kinds.count("field_added:username"));
  EXPECT_TRUE(kinds.count("field_added:note"));
  EXPECT_TRUE(kinds.count("symbol_added:Status"));
  const auto& backward = diff.body["compatibility"]["backward"];
  EXPECT_EQ(backward["is_compatible"], false);
  bool names_field = false;
  for (const auto& m : backward["messages"]) names_field = names_field || m.get<std::string>().find("username") != std::string::npos;
  EXPECT_TRUE(names_field) << backward.dump();
  EXPECT_EQ(diff.body["compatibility"]["forward"]["is_compatible"], false);
  auto same = call("GET", "/accord/v1/subjects/o/diff?from=1&to=1");
  EXPECT_TRUE(same.body["changes"].empty());
  EXPECT_EQ(same.body["compatibility"]["backward"]["is_compatible"], true);
}

TEST_F(CatalogTest, ProtobufDiffShowsFieldNumbers) {
  add("p", "syntax = \"proto3\";\nmessage M {\n  string a = 1;\n  int32 b = 2;\n}\n", {}, "PROTOBUF");
  ASSERT_EQ(call("PUT", "/config/p", json{{"compatibility", "NONE"}}).status, 200);
  add("p", "syntax = \"proto3\";\nmessage M {\n  string a = 1;\n  int32 b = 3;\n  repeated string tags = 4;\n}\n", {},
      "PROTOBUF");
  auto diff = call("GET", "/accord/v1/subjects/p/diff?from=1&to=2");
  ASSERT_EQ(diff.status, 200) << diff.text;
  bool number = false, added = false;
  for (const auto& c : diff.body["changes"]) {
    number = number || (c["kind"] == "number_changed" && c["path"] == "b" && c["before"] == "2" && c["after"] == "3");
    added = added || (c["kind"] == "field_added" && c["path"] == "tags");
  }
  EXPECT_TRUE(number) << diff.body["changes"].dump();
  EXPECT_TRUE(added) << diff.body["changes"].dump();
  auto outline = call("GET", "/accord/v1/subjects/p/versions/2/outline");
  ASSERT_EQ(outline.status, 200) << outline.text;
  EXPECT_EQ(outline.body["fields"][2]["type"], "repeated string");
  EXPECT_EQ(outline.body["fields"][2]["number"], 4);
}

TEST_F(CatalogTest, JsonOutlineNestsProperties) {
  add("j", R"({"type":"object","properties":{"address":{"type":"object","required":["city"],"properties":{"city":{"type":"string","description":"town"}}}}})",
      {}, "JSON");
  auto outline = call("GET", "/accord/v1/subjects/j/versions/latest/outline");
  ASSERT_EQ(outline.status, 200) << outline.text;
  ASSERT_EQ(outline.body["fields"].size(), 2u);
  EXPECT_EQ(outline.body["fields"][1]["path"], "address.city");
  EXPECT_EQ(outline.body["fields"][1]["depth"], 1);
  EXPECT_EQ(outline.body["fields"][1]["required"], true);
  EXPECT_EQ(outline.body["fields"][1]["doc"], "town");
}

TEST_F(CatalogTest, DiffErrors) {
  seed();
  EXPECT_EQ(call("GET", "/accord/v1/subjects/money/diff?from=1").status, 400);
  EXPECT_EQ(call("GET", "/accord/v1/subjects/money/diff?from=1&to=9").body["error_code"], 40402);
  EXPECT_EQ(call("GET", "/accord/v1/subjects/nobody/diff?from=1&to=1").body["error_code"], 40401);
  EXPECT_EQ(call("GET", "/accord/v1/subjects/money/diff?from=x&to=1").body["error_code"], 42202);
  EXPECT_EQ(call("GET", "/accord/v1/subjects/money/versions/7/outline").body["error_code"], 40402);
}

TEST_F(CatalogTest, OddSubjectNames) {
  for (std::string name : {"a/b", "100%", "with space", "Größe-ü"}) {
    std::string escaped;
    for (unsigned char c : name) {
      if (std::isalnum(c) || c == '-') escaped += static_cast<char>(c);
      else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        escaped += buf;
      }
    }
    add(escaped, record("R", {}));
    auto page = call("GET", "/accord/v1/catalog?subject=" + escaped);
    ASSERT_EQ(page.body["total"], 1) << name;
    EXPECT_EQ(page.body["items"][0]["subject"], name);
    EXPECT_EQ(call("GET", "/accord/v1/subjects/" + escaped + "/diff?from=1&to=1").status, 200) << name;
  }
}

TEST_F(CatalogTest, ServesTheUi) {
  auto index = call("GET", "/ui/");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.text.find("<main id=\"app\""), std::string::npos);
  // Every view's deep link loads the app.
  EXPECT_EQ(call("GET", "/ui/subjects/a%2Fb/diff/1/2").text, index.text);
  EXPECT_EQ(call("GET", "/ui/subjects/orders.json").text, index.text);
  auto request = request_for("GET", "/ui/app.js");
  auto script = api_->handle(request);
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.headers["Content-Type"], "text/javascript; charset=utf-8");
  ASSERT_FALSE(script.headers["ETag"].empty());
  request.headers["if-none-match"] = script.headers["ETag"];
  auto again = api_->handle(request);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(call("GET", "/ui/nothing.js").status, 404);
  EXPECT_EQ(call("POST", "/ui/subjects").status, 405);

  ApiOptions off;
  off.ui_enabled = false;
  Api without(*store_, *writer_, off);
  EXPECT_EQ(without.handle(request_for("GET", "/ui/subjects")).status, 404);
}

}  // namespace
}  // namespace accord::api::testing
