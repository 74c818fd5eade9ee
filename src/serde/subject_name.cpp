#include "accord/serde/subject_name.hpp"

#include <string>

#include "accord/model/types.hpp"

namespace accord::serde {

SerdeResult<std::string> subject_name(SubjectNameStrategy strategy, std::string_view topic, Part part,
                                      std::string_view record_name) {
  if (strategy == SubjectNameStrategy::TopicName)
    return std::string(topic) + (part == Part::Key ? "-key" : "-value");
  if (record_name.empty())
    return serde_error(ErrorKind::NoRecordName,
                       "the record-name subject strategies need a schema with a name (Avro record, Protobuf "
                       "message, JSON Schema title)");
  if (strategy == SubjectNameStrategy::RecordName) return std::string(record_name);
  return std::string(topic) + "-" + std::string(record_name);
}

std::string in_context(std::string_view context, const std::string& subject) {
  std::string name(context);
  if (name.starts_with(':')) name.erase(0, 1);
  if (name.ends_with(':')) name.pop_back();
  if (name.empty() || name == kDefaultContext) return subject;
  if (!name.starts_with('.')) name.insert(0, ".");
  if (!QualifiedSubject::parse(subject).in_default_context()) return subject;
  return context_prefix(name) + normalize_subject(subject);
}

}  // namespace accord::serde
