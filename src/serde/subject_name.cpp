#include "accord/serde/subject_name.hpp"

#include <string>

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

}  // namespace accord::serde
