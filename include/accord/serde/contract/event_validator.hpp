#pragma once
// Checks sample events (JSON fixtures) against a schema the way a producer would write
// them: JSON Schema validation; Avro JSON encoding → avro-c value → binary → back;
// Protobuf JSON mapping → DynamicMessage → binary → back.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/model/types.hpp"
#include "accord/serde/error.hpp"
#include "accord/serde/registry_client.hpp"

namespace accord::serde::contract {

struct FixtureProblem {
  std::string file;     // relative to the fixtures folder; "name.jsonl:3" for a line
  std::string path;     // JSON pointer inside the event, when known
  std::string message;
};

class EventValidator {
 public:
  virtual ~EventValidator() = default;
  // Empty when the event is valid. `path` is filled when the reason locates it.
  virtual std::vector<FixtureProblem> check(const nlohmann::json& event) const = 0;
};

SerdeResult<std::unique_ptr<EventValidator>> make_event_validator(SchemaType type, const std::string& text,
                                                                   const std::vector<FetchedReference>& references,
                                                                   const std::optional<std::string>& message);

struct FixtureReport {
  size_t events = 0;
  std::vector<FixtureProblem> problems;
};

// Every *.json (one event) and *.jsonl (one event per line) file in `folder`, sorted by name.
FixtureReport check_fixtures(const EventValidator& validator, const std::filesystem::path& folder);

}  // namespace accord::serde::contract
