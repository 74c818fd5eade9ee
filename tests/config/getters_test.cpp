#include <gtest/gtest.h>

#include <set>

#include "accord/cli/config.hpp"

namespace accord::cli {
namespace {

TEST(KnownKeys, ListTheAgreedKeysWithDefaults) {
  std::map<std::string, std::string> defaults;
  for (const auto& doc : known_keys()) {
    EXPECT_FALSE(doc.help.empty()) << doc.key;
    EXPECT_TRUE(defaults.emplace(doc.key, doc.default_value).second) << "duplicate " << doc.key;
  }
  EXPECT_EQ(defaults.at("listeners"), "http://127.0.0.1:8081");
  EXPECT_EQ(defaults.at("data.dir"), "./data");
  EXPECT_EQ(defaults.at("host.name"), "127.0.0.1");
  EXPECT_EQ(defaults.at("kafkastore.bootstrap.servers"), "");
  EXPECT_EQ(defaults.at("kafkastore.topic"), "_schemas");
  EXPECT_EQ(defaults.at("kafkastore.topic.replication.factor"), "3");
  EXPECT_EQ(defaults.at("kafkastore.timeout.ms"), "500");
  EXPECT_EQ(defaults.at("kafkastore.init.timeout.ms"), "60000");
  EXPECT_EQ(defaults.at("schema.compatibility.level"), "backward");
  EXPECT_EQ(defaults.at("mode.mutability"), "true");
  EXPECT_EQ(defaults.at("leader.eligibility"), "true");
  EXPECT_EQ(defaults.at("schema.registry.group.id"), "schema-registry");
  EXPECT_EQ(defaults.at("kafkagroup.session.timeout.ms"), "10000");
  EXPECT_EQ(defaults.at("kafkagroup.heartbeat.interval.ms"), "3000");
  EXPECT_EQ(defaults.at("request.max.bytes"), "16777216");
  EXPECT_EQ(defaults.at("http.threads"), "0");
  EXPECT_EQ(defaults.at("log.level"), "info");
  EXPECT_TRUE(defaults.count("accord.advertised.url"));
  EXPECT_TRUE(defaults.count("accord.rebuild"));
}

TEST(KnownKeys, EveryDefaultHasTheRightType) {
  Config empty;
  for (const auto& doc : known_keys()) {
    if (doc.default_value == "true" || doc.default_value == "false") {
      EXPECT_TRUE(empty.get_bool(doc.key).ok()) << doc.key;
    } else if (!doc.default_value.empty() &&
               doc.default_value.find_first_not_of("0123456789") == std::string::npos) {
      EXPECT_TRUE(empty.get_int(doc.key).ok()) << doc.key;
    }
  }
}

TEST(Getters, GetReturnsOnlyExplicitValues) {
  Config c;
  EXPECT_EQ(c.get("kafkastore.topic"), std::nullopt);
  c.set("kafkastore.topic", "_x");
  EXPECT_EQ(c.get("kafkastore.topic"), "_x");
}

TEST(Getters, GetOrPrefersValueThenFallbackThenKnownDefault) {
  Config c;
  EXPECT_EQ(c.get_or("kafkastore.topic", ""), "_schemas");
  EXPECT_EQ(c.get_or("kafkastore.topic", "_fallback"), "_fallback");
  EXPECT_EQ(c.get_or("no.such.key", "fb"), "fb");
  EXPECT_EQ(c.get_or("no.such.key", ""), "");
  c.set("kafkastore.topic", "_set");
  EXPECT_EQ(c.get_or("kafkastore.topic", "_fallback"), "_set");
}

TEST(Getters, GetIntUsesValueOrDefault) {
  Config c;
  EXPECT_EQ(*c.get_int("kafkastore.timeout.ms"), 500);
  EXPECT_EQ(*c.get_int("request.max.bytes"), 16777216);
  c.set("kafkastore.timeout.ms", " 1500 ");
  EXPECT_EQ(*c.get_int("kafkastore.timeout.ms"), 1500);
  c.set("kafkastore.timeout.ms", "-7");
  EXPECT_EQ(*c.get_int("kafkastore.timeout.ms"), -7);
}

TEST(Getters, GetIntErrors) {
  Config c;
  c.set("kafkastore.timeout.ms", "12ms");
  auto bad = c.get_int("kafkastore.timeout.ms");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("kafkastore.timeout.ms"), std::string::npos);
  c.set("kafkastore.timeout.ms", "99999999999999999999999");
  EXPECT_FALSE(c.get_int("kafkastore.timeout.ms").ok());
  EXPECT_FALSE(c.get_int("unknown.key").ok());
}

TEST(Getters, GetBoolIsCaseInsensitiveAndStrict) {
  Config c;
  EXPECT_TRUE(*c.get_bool("mode.mutability"));
  EXPECT_FALSE(*c.get_bool("accord.rebuild"));
  c.set("mode.mutability", "FALSE");
  EXPECT_FALSE(*c.get_bool("mode.mutability"));
  c.set("mode.mutability", "True");
  EXPECT_TRUE(*c.get_bool("mode.mutability"));
  c.set("mode.mutability", "yes");
  EXPECT_FALSE(c.get_bool("mode.mutability").ok());
}

TEST(Getters, WithPrefixStripsThePrefix) {
  Config c;
  c.set("kafkastore.topic", "_s");
  c.set("kafkastore.security.protocol", "SSL");
  c.set("kafkastorex", "no");
  c.set("listeners", "no");
  auto kafka = c.with_prefix("kafkastore.");
  EXPECT_EQ(kafka, (std::map<std::string, std::string>{{"security.protocol", "SSL"}, {"topic", "_s"}}));
}

TEST(AdvertisedUrl, DerivedFromHostNameAndListener) {
  Config c;
  EXPECT_EQ(*advertised_url(c), "http://127.0.0.1:8081");
  c.set("listeners", "https://0.0.0.0:9443");
  c.set("host.name", "node-1.example");
  EXPECT_EQ(*advertised_url(c), "https://node-1.example:9443");
  c.set("host.name", "::1");
  EXPECT_EQ(*advertised_url(c), "https://[::1]:9443");
  c.set("accord.advertised.url", "http://lb:80");
  EXPECT_EQ(*advertised_url(c), "http://lb:80");
}

TEST(AdvertisedUrl, BadListenerIsAnError) {
  Config c;
  c.set("listeners", "ftp://x:1");
  EXPECT_FALSE(advertised_url(c).ok());
}

}  // namespace
}  // namespace accord::cli
