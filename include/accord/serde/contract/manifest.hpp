#pragma once
// The contract manifest a repository keeps (accord.json, see docs/check.md): per subject the
// schema file, its type, references, sample events and governance fields.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace accord::serde::contract {

struct ManifestReference {
  std::string name;
  std::string subject;
  VersionNumber version{0};
  std::optional<std::filesystem::path> schema_file;  // local text; else fetched from the registry
};

// Who owns an event and who uses it; stored as metadata.properties (docs/serde.md).
struct Governance {
  std::optional<std::string> owner;
  std::optional<std::string> description;
  std::vector<std::string> producers;
  std::vector<std::string> consumers;
  std::optional<std::string> key_schema;
  std::optional<std::string> classification;
  std::optional<bool> pii;
  std::map<std::string, std::string> properties;  // any further properties, passed through
};

struct SubjectContract {
  std::string subject;
  SchemaType type = SchemaType::Avro;
  std::filesystem::path schema_file;  // absolute (resolved against the manifest's folder)
  std::vector<ManifestReference> references;
  std::optional<std::filesystem::path> fixtures;  // folder of sample events
  std::optional<std::string> message;  // Protobuf: the message type fixtures are (default: first)
  bool normalize = false;
  Governance governance;
};

struct Manifest {
  std::optional<std::string> registry;  // default registry URL
  std::vector<SubjectContract> subjects;
};

// Relative paths resolve against `base` (the manifest's folder). Errors name the entry.
Result<Manifest> parse_manifest(std::string_view text, const std::filesystem::path& base);
Result<Manifest> load_manifest(const std::filesystem::path& file);

// metadata.properties for the governance fields (compact JSON object text).
std::map<std::string, std::string> governance_properties(const Governance& governance);
std::optional<std::string> governance_metadata(const Governance& governance);

}  // namespace accord::serde::contract
