#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accord/cli/config.hpp"

namespace accord::cli {
namespace {

// An environ-style array that owns its strings.
class FakeEnvironment {
 public:
  FakeEnvironment(std::vector<std::string> entries) : entries_(std::move(entries)) {
    for (auto& e : entries_) pointers_.push_back(e.data());
    pointers_.push_back(nullptr);
  }
  char** get() { return pointers_.data(); }

 private:
  std::vector<std::string> entries_;
  std::vector<char*> pointers_;
};

TEST(Environment, OverridesKnownKeysFromTheFile) {
  auto c = Config::parse_properties("kafkastore.bootstrap.servers=file:9092\nlisteners=http://0.0.0.0:1\n");
  ASSERT_TRUE(c.ok());
  FakeEnvironment env({"ACCORD_KAFKASTORE_BOOTSTRAP_SERVERS=env:9092", "PATH=/bin"});
  c->apply_environment(env.get());
  EXPECT_EQ(c->get("kafkastore.bootstrap.servers"), "env:9092");
  EXPECT_EQ(c->get("listeners"), "http://0.0.0.0:1");
}

TEST(Environment, EveryKnownKeyHasItsVariable) {
  for (const auto& doc : known_keys()) {
    std::string name = "ACCORD_";
    for (char ch : doc.key) name.push_back(ch == '.' ? '_' : static_cast<char>(std::toupper(ch)));
    FakeEnvironment env({name + "=from-env"});
    Config c;
    c.apply_environment(env.get());
    EXPECT_EQ(c.get(doc.key), "from-env") << name;
  }
}

TEST(Environment, UnknownKafkastoreKeysPassThrough) {
  FakeEnvironment env({"ACCORD_KAFKASTORE_SASL_MECHANISM=PLAIN", "ACCORD_KAFKASTORE_SECURITY_PROTOCOL=SASL_SSL"});
  Config c;
  c.apply_environment(env.get());
  EXPECT_EQ(c.get("kafkastore.sasl.mechanism"), "PLAIN");
  EXPECT_EQ(c.get("kafkastore.security.protocol"), "SASL_SSL");
  auto kafka = c.with_prefix("kafkastore.");
  EXPECT_EQ(kafka.at("sasl.mechanism"), "PLAIN");
}

TEST(Environment, UnrelatedAndUnknownVariablesAreIgnored) {
  FakeEnvironment env({"HOME=/root", "ACCORD_NOT_A_KEY=1", "ACCORDION=x", "ACCORD_KAFKASTORE_=y", "NOEQUALS"});
  Config c;
  c.apply_environment(env.get());
  EXPECT_TRUE(c.values().empty());
}

TEST(Environment, ValueMayContainEquals) {
  FakeEnvironment env({"ACCORD_LISTENERS=http://h:1/?a=b"});
  Config c;
  c.apply_environment(env.get());
  EXPECT_EQ(c.get("listeners"), "http://h:1/?a=b");
}

TEST(Environment, NullEnvironmentIsHarmless) {
  Config c;
  c.apply_environment(nullptr);
  EXPECT_TRUE(c.values().empty());
}

TEST(Environment, PrecedenceFileThenEnvironmentThenSet) {
  auto c = Config::parse_properties("data.dir=/file\nhost.name=file-host\nlog.level=warn\n");
  ASSERT_TRUE(c.ok());
  FakeEnvironment env({"ACCORD_DATA_DIR=/env", "ACCORD_HOST_NAME=env-host"});
  c->apply_environment(env.get());
  c->set("data.dir", "/flag");  // what a command-line flag does
  EXPECT_EQ(c->get("data.dir"), "/flag");
  EXPECT_EQ(c->get("host.name"), "env-host");
  EXPECT_EQ(c->get("log.level"), "warn");
}

}  // namespace
}  // namespace accord::cli
