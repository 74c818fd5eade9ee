#pragma once
// Subject name strategies (rest-api.md §8): which subject a topic's keys or values use.
#include <string>
#include <string_view>

#include "accord/serde/error.hpp"

namespace accord::serde {

enum class SubjectNameStrategy { TopicName, RecordName, TopicRecordName };

enum class Part { Key, Value };

// `record_name` is the Avro full name, the Protobuf message full name or the JSON Schema
// title; it may be empty only for TopicName.
SerdeResult<std::string> subject_name(SubjectNameStrategy strategy, std::string_view topic, Part part,
                                      std::string_view record_name);

// `subject` in `context` (".team-a", "team-a" or ":.team-a:"): `:.team-a:subject`. An empty
// or default context, or a subject that names its own context, leaves it as it is.
std::string in_context(std::string_view context, const std::string& subject);

}  // namespace accord::serde
