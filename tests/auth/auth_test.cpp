#include "accord/auth/auth.hpp"

#include "accord/api/api.hpp"

#include <gtest/gtest.h>

namespace accord::auth {
namespace {

api::Request make(const std::string& method, const std::string& target, const std::string& authorization = "") {
  api::Request request;
  request.method = method;
  EXPECT_TRUE(api::parse_target(target, request));
  if (!authorization.empty()) request.headers["authorization"] = authorization;
  return request;
}

// "reader:rpass", "writer:wpass", "admin:apass" in base64.
const std::string kReader = "Basic cmVhZGVyOnJwYXNz";
const std::string kWriter = "Basic d3JpdGVyOndwYXNz";
const std::string kAdmin = "Basic YWRtaW46YXBhc3M=";

std::shared_ptr<Authenticator> users() {
  const std::string text = R"({"users":[
    {"username":"reader","password_hash":")" + hash_password("rpass", "salt1", 1000) + R"(",
     "permissions":[{"operation":"read","resource":"orders-*"}]},
    {"username":"writer","password_hash":")" + hash_password("wpass", "salt2", 1000) + R"(",
     "token_hashes":[")" + hash_token("tok-123") + R"("],
     "permissions":[{"operation":"write","resource":"orders-*"},{"operation":"read","resource":"shared"}]},
    {"username":"admin","password_hash":")" + hash_password("apass", "salt3", 1000) + R"(",
     "permissions":[{"operation":"admin","resource":"*"}]}]})";
  auto parsed = Authenticator::parse(text);
  EXPECT_TRUE(parsed) << parsed.error().message;
  return *parsed;
}

// Authentication then authorization of a request, as the request pipeline asks them, with
// what the request needs read from its route's descriptor.
std::optional<api::Response> check(const Authenticator& auth, const api::Request& request, const User** user) {
  *user = nullptr;
  const auto route = api::routes().match(request);
  if (route.permission == api::Permission::Open) return std::nullopt;
  if (auto refused = auth.identify(request, user)) return refused;
  return auth.authorize(**user, route);
}

int status_of(const Authenticator& auth, const api::Request& request) {
  const User* user = nullptr;
  auto answer = check(auth, request, &user);
  return answer ? answer->status : 200;
}

TEST(Glob, Patterns) {
  EXPECT_TRUE(glob_match("orders-*", "orders-value"));
  EXPECT_FALSE(glob_match("orders-*", "order-value"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("*-value", "x-y-value"));
  EXPECT_TRUE(glob_match("exact", "exact"));
  EXPECT_FALSE(glob_match("exact", "exactly"));
}

TEST(Passwords, Pbkdf2RoundTrip) {
  auto stored = hash_password("secret", "NaCl", 2000);
  EXPECT_EQ(stored.rfind("pbkdf2-sha256$2000$4e61436c$", 0), 0u);
  EXPECT_TRUE(verify_password("secret", stored));
  EXPECT_FALSE(verify_password("Secret", stored));
  EXPECT_FALSE(verify_password("secret", "plain"));
  EXPECT_FALSE(verify_password("secret", "pbkdf2-sha256$x$00$00"));
}

TEST(Passwords, KnownVector) {
  // RFC 7914 §11 PBKDF2-HMAC-SHA256 test vector (P="passwd", S="salt", c=1), first 32 bytes.
  EXPECT_TRUE(verify_password(
      "passwd", "pbkdf2-sha256$1$73616c74$55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));
}

TEST(Authenticator, MissingAndWrongCredentialsAre401WithChallenge) {
  auto auth = users();
  const User* user = nullptr;
  auto none = check(*auth, make("GET", "/subjects"), &user);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->headers.at("WWW-Authenticate"), "Basic realm=\"accord\"");
  EXPECT_NE(none->body.find("\"error_code\":401"), std::string::npos);
  EXPECT_EQ(status_of(*auth, make("GET", "/subjects", "Basic cmVhZGVyOndyb25n")), 401);  // reader:wrong
  EXPECT_EQ(status_of(*auth, make("GET", "/subjects", "Bearer nope")), 401);
  EXPECT_EQ(status_of(*auth, make("GET", "/subjects", "Basic !!!")), 401);
}

TEST(Authenticator, HealthIsOpen) {
  auto auth = users();
  EXPECT_EQ(status_of(*auth, make("GET", "/health/ready")), 200);
}

TEST(Authenticator, BearerTokenIdentifiesItsUser) {
  auto auth = users();
  const User* user = nullptr;
  EXPECT_FALSE(check(*auth, make("POST", "/subjects/orders-value/versions", "Bearer tok-123"), &user));
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->name, "writer");
}

TEST(Authenticator, OperationsTable) {
  auto auth = users();
  struct Row {
    std::string method, target, who;
    int expected;
  };
  const std::vector<Row> rows = {
      {"GET", "/subjects/orders-value/versions", kReader, 200},
      {"GET", "/subjects/payments-value/versions", kReader, 403},
      {"POST", "/subjects/orders-value", kReader, 200},  // lookup is a read
      {"POST", "/subjects/orders-value/versions", kReader, 403},
      {"POST", "/subjects/orders-value/versions", kWriter, 200},
      {"DELETE", "/subjects/orders-value", kWriter, 200},
      {"PUT", "/config/orders-value", kWriter, 200},
      {"GET", "/subjects/shared/versions", kWriter, 200},
      {"POST", "/subjects/shared/versions", kWriter, 403},
      {"PUT", "/config", kWriter, 403},
      {"PUT", "/config", kAdmin, 200},
      {"PUT", "/mode", kAdmin, 200},
      {"GET", "/config", kReader, 200},
      {"POST", "/compatibility/subjects/orders-value/versions/latest", kReader, 200},
      {"POST", "/compatibility/subjects/payments-value/versions/latest", kReader, 403},
      {"DELETE", "/subjects/anything", kAdmin, 200},
  };
  for (const auto& row : rows)
    EXPECT_EQ(status_of(*auth, make(row.method, row.target, row.who)), row.expected) << row.method << " " << row.target;
}

TEST(Authenticator, ContextIsPartOfTheSubjectName) {
  auto auth = users();
  const std::string team = R"({"users":[{"username":"team","password_hash":")" +
                           hash_password("tpass", "salt4", 1000) +
                           R"(","permissions":[{"operation":"write","resource":":.team-a:*"}]}]})";
  auto team_auth = Authenticator::parse(team);
  ASSERT_TRUE(team_auth) << team_auth.error().message;
  const std::string kTeam = "Basic dGVhbTp0cGFzcw==";  // team:tpass
  struct Row {
    const Authenticator& auth;
    std::string method, target, who;
    int expected;
  };
  const std::vector<Row> rows = {
      // `:.:x` reaches authorization as `x`: Api::prepare normalizes it first (test_contexts).
      {*auth, "GET", "/subjects/orders-value/versions", kReader, 200},
      {*auth, "GET", "/subjects/:.team-a:orders-value/versions", kReader, 403},
      {*auth, "PUT", "/config/:.:", kWriter, 403},  // the top level needs admin
      {*auth, "DELETE", "/contexts/.team-a", kWriter, 403},
      {*auth, "DELETE", "/contexts/.team-a", kAdmin, 200},
      {*auth, "GET", "/contexts", kReader, 200},
      {**team_auth, "POST", "/subjects/:.team-a:orders-value/versions", kTeam, 200},
      {**team_auth, "PUT", "/config/:.team-a:", kTeam, 200},  // the context's own config
      {**team_auth, "PUT", "/mode/:.team-a:", kTeam, 200},
      {**team_auth, "POST", "/subjects/orders-value/versions", kTeam, 403},
      {**team_auth, "POST", "/subjects/:.team-b:orders-value/versions", kTeam, 403},
      {**team_auth, "PUT", "/config/:.team-b:", kTeam, 403},
  };
  for (const auto& row : rows)
    EXPECT_EQ(status_of(row.auth, make(row.method, row.target, row.who)), row.expected) << row.method << " " << row.target;
  const User* reader = nullptr;
  ASSERT_FALSE(check(*auth, make("GET", "/subjects", kReader), &reader));
  api::Response subjects;
  subjects.body = R"([":.team-a:orders-value","orders-value"])";
  auth->filter_listing(*reader, subjects);
  EXPECT_EQ(subjects.body, R"(["orders-value"])");
}

TEST(Authenticator, ListingsAreFiltered) {
  auto auth = users();
  const User* reader = nullptr;
  ASSERT_FALSE(check(*auth, make("GET", "/subjects", kReader), &reader));
  ASSERT_NE(reader, nullptr);
  api::Response subjects;
  subjects.body = R"(["orders-value","payments-value","orders-key"])";
  auth->filter_listing(*reader, subjects);
  EXPECT_EQ(subjects.body, R"(["orders-value","orders-key"])");
  api::Response versions;
  versions.body = R"([{"subject":"payments-value","version":1},{"subject":"orders-value","version":2}])";
  auth->filter_listing(*reader, versions);
  EXPECT_EQ(versions.body, R"([{"subject":"orders-value","version":2}])");
}

TEST(Authenticator, BadFilesAreRejected) {
  EXPECT_FALSE(Authenticator::parse("[]"));
  EXPECT_FALSE(Authenticator::parse(R"({"users":[{"username":"a","password_hash":"plain"}]})"));
  EXPECT_FALSE(Authenticator::parse(R"({"users":[{"username":"a","permissions":[{"operation":"root"}]}]})"));
}

}  // namespace
}  // namespace accord::auth

namespace accord::auth {
namespace {

TEST(Authenticator, OnlyVerifiedPasswordsAreCheap) {
  auto auth = users();
  EXPECT_TRUE(auth->cheap_to_authenticate(make("GET", "/subjects")));
  EXPECT_TRUE(auth->cheap_to_authenticate(make("GET", "/subjects", "Bearer tok-123")));
  EXPECT_FALSE(auth->cheap_to_authenticate(make("GET", "/subjects", kReader)));
  ASSERT_NE(auth->authenticate(make("GET", "/subjects", kReader)), nullptr);
  EXPECT_TRUE(auth->cheap_to_authenticate(make("GET", "/subjects", kReader)));
  // a failed attempt is not remembered
  EXPECT_EQ(auth->authenticate(make("GET", "/subjects", "Basic cmVhZGVyOndyb25n")), nullptr);
  EXPECT_FALSE(auth->cheap_to_authenticate(make("GET", "/subjects", "Basic cmVhZGVyOndyb25n")));
}

}  // namespace
}  // namespace accord::auth
