#pragma once
// Options shared by every serializer and deserializer, named after Confluent's properties.
#include <optional>
#include <string>

#include "accord/model/types.hpp"
#include "accord/serde/subject_name.hpp"

namespace accord::serde {

struct SerializerConfig {
  SubjectNameStrategy strategy = SubjectNameStrategy::TopicName;
  Part part = Part::Value;
  bool auto_register = true;                     // auto.register.schemas
  bool use_latest_version = false;               // use.latest.version: write with the subject's latest id
  std::optional<VersionNumber> use_version;      // use.schema.version: a pinned version
  bool normalize = false;                        // normalize.schemas
  bool use_schema_guid = false;                  // use.schema.guid [8.0+]: magic byte 1 + the schema's GUID
  // The context the strategy's subject is qualified with (Confluent's context.name.strategy
  // with a fixed name): ".team-a" or "team-a" makes `orders-value` `:.team-a:orders-value`.
  // Empty: the default context; a subject the strategy already qualified is kept.
  std::string context;
};

struct DeserializerConfig {
  bool validate = false;  // JSON only: validate the decoded document against the writer schema
  // Where writer ids are resolved (GET /schemas/ids/{id}?subject=): a qualified subject, a
  // context `:.team-a:`, or an unqualified subject the registry also looks for in every
  // context. Empty: the default context.
  std::string subject;
};

}  // namespace accord::serde
