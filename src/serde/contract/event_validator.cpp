#include "accord/serde/contract/event_validator.hpp"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "accord/serde/avro.hpp"
#include "accord/serde/json.hpp"
#include "accord/serde/protobuf.hpp"

namespace accord::serde::contract {
namespace {

// Serde messages that locate a problem start with its JSON pointer: "/a/b: reason".
FixtureProblem located(const std::string& message) {
  if (!message.empty() && message[0] == '/') {
    const auto colon = message.find(": ");
    if (colon != std::string::npos) return {"", message.substr(0, colon), message.substr(colon + 2)};
  }
  return {"", "", message};
}

class JsonEventValidator final : public EventValidator {
 public:
  explicit JsonEventValidator(JsonSchemaValidatorPtr validator) : validator_(std::move(validator)) {}
  std::vector<FixtureProblem> check(const nlohmann::json& event) const override {
    std::vector<FixtureProblem> out;
    for (const auto& violation : validator_->violations(event)) out.push_back(located(violation));
    return out;
  }

 private:
  JsonSchemaValidatorPtr validator_;
};

class AvroEventValidator final : public EventValidator {
 public:
  explicit AvroEventValidator(AvroSchemaPtr schema) : schema_(std::move(schema)) {}
  std::vector<FixtureProblem> check(const nlohmann::json& event) const override {
    auto value = AvroValue::from_json(schema_, event);
    if (!value) return {located(value.error().message)};
    auto body = avro_encode(*value);
    if (!body) return {located(body.error().message)};
    auto back = avro_decode(schema_, *body);
    if (!back) return {located(back.error().message)};
    if (!(*back == *value)) return {{"", "", "value changed in an Avro binary round trip"}};
    return {};
  }

 private:
  AvroSchemaPtr schema_;
};

class ProtobufEventValidator final : public EventValidator {
 public:
  ProtobufEventValidator(ProtobufSchemaPtr schema, const google::protobuf::Descriptor* type)
      : schema_(std::move(schema)), type_(type) {}
  std::vector<FixtureProblem> check(const nlohmann::json& event) const override {
    auto message = schema_->new_message(type_);
    const auto status = google::protobuf::util::JsonStringToMessage(event.dump(), message.get());
    if (!status.ok()) {
      // libprotobuf names the field first: "user_name: Cannot find field."
      const std::string text(status.message());
      const auto colon = text.find(": ");
      if (colon != std::string::npos && text.find(' ') > colon)
        return {{"", "/" + text.substr(0, colon), text.substr(colon + 2)}};
      return {{"", "", text}};
    }
    std::string bytes;
    if (!message->SerializeToString(&bytes)) return {{"", "", "message cannot be serialized"}};
    auto back = schema_->new_message(type_);
    if (!back->ParseFromString(bytes) || !google::protobuf::util::MessageDifferencer::Equals(*message, *back))
      return {{"", "", "value changed in a Protobuf binary round trip"}};
    return {};
  }

 private:
  ProtobufSchemaPtr schema_;
  const google::protobuf::Descriptor* type_;
};

}  // namespace

SerdeResult<std::unique_ptr<EventValidator>> make_event_validator(SchemaType type, const std::string& text,
                                                                   const std::vector<FetchedReference>& references,
                                                                   const std::optional<std::string>& message) {
  switch (type) {
    case SchemaType::Json: {
      auto compiled = JsonSchemaValidator::compile(text, references);
      if (!compiled) return compiled.error();
      return std::unique_ptr<EventValidator>(std::make_unique<JsonEventValidator>(*compiled));
    }
    case SchemaType::Avro: {
      auto schema = AvroSchema::parse(text, references);
      if (!schema) return schema.error();
      return std::unique_ptr<EventValidator>(std::make_unique<AvroEventValidator>(*schema));
    }
    case SchemaType::Protobuf: {
      auto schema = ProtobufSchema::parse(text, references);
      if (!schema) return schema.error();
      const google::protobuf::Descriptor* descriptor = nullptr;
      if (message) {
        descriptor = (*schema)->message_named(*message);
        if (!descriptor) return serde_error(ErrorKind::InvalidSchema, "no message type " + *message + " in the schema");
      } else {
        auto first = (*schema)->message_at({0});
        if (!first) return serde_error(ErrorKind::InvalidSchema, "the schema defines no message type");
        descriptor = *first;
      }
      return std::unique_ptr<EventValidator>(std::make_unique<ProtobufEventValidator>(*schema, descriptor));
    }
  }
  return serde_error(ErrorKind::InvalidSchema, "unknown schema type");
}

FixtureReport check_fixtures(const EventValidator& validator, const std::filesystem::path& folder) {
  FixtureReport report;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    report.problems.push_back({folder.string(), "", "fixtures folder does not exist"});
    return report;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.is_regular_file() && (entry.path().extension() == ".json" || entry.path().extension() == ".jsonl"))
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  auto check_one = [&](const std::string& name, const std::string& text) {
    ++report.events;
    const auto event = nlohmann::json::parse(text, nullptr, false);
    if (event.is_discarded()) {
      report.problems.push_back({name, "", "not valid JSON"});
      return;
    }
    for (auto problem : validator.check(event)) {
      problem.file = name;
      report.problems.push_back(std::move(problem));
    }
  };
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string name = file.filename().string();
    if (file.extension() == ".jsonl") {
      size_t number = 0;
      for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        check_one(name + ":" + std::to_string(number), line);
      }
    } else {
      std::stringstream text;
      text << in.rdbuf();
      check_one(name, text.str());
    }
  }
  return report;
}

}  // namespace accord::serde::contract
