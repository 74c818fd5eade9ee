#pragma once
// `accord check` without the command line: run every subject's checks, optionally register.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/serde/contract/event_validator.hpp"
#include "accord/serde/contract/manifest.hpp"
#include "accord/serde/registry_client.hpp"

namespace accord::serde::contract {

struct SubjectVerdict {
  std::string subject;
  SchemaType type = SchemaType::Avro;
  std::vector<std::string> schema_errors;         // local parse failures
  bool compatibility_checked = false;
  bool compatible = true;
  std::vector<std::string> compatibility_messages;  // the registry's, verbatim
  std::optional<std::string> registry_error;        // the registry could not be asked
  size_t fixture_events = 0;
  std::vector<FixtureProblem> fixture_problems;
  std::optional<RegisteredSchema> registered;       // after --register
  std::optional<std::string> register_error;

  bool ok() const;
};

struct CheckReport {
  std::vector<SubjectVerdict> subjects;
  bool registered = false;
  bool ok() const;
};

// `client` null = local checks only (--no-registry).
CheckReport check_contracts(const Manifest& manifest, RegistryClient* client);
// Registers every subject of a passing report, governance as metadata.properties.
void register_contracts(const Manifest& manifest, RegistryClient& client, CheckReport& report);

std::string render_text(const CheckReport& report);
nlohmann::json render_json(const CheckReport& report);

}  // namespace accord::serde::contract
