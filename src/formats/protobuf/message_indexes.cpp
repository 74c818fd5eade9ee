// Message indexes of the wire format: positions among messages, map entries not counted
// (Confluent numbers the messages of the .proto text, where map entries do not exist).
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include "accord/formats/protobuf.hpp"
#include "accord/model/errors.hpp"

namespace accord::formats {
namespace {

namespace pb = google::protobuf;

template <class Parent>
std::vector<const pb::Descriptor*> messages_of(const Parent& parent, int count, const pb::Descriptor* (Parent::*at)(int) const) {
  std::vector<const pb::Descriptor*> out;
  for (int i = 0; i < count; ++i) {
    const auto* m = (parent.*at)(i);
    if (!m->options().map_entry()) out.push_back(m);
  }
  return out;
}

std::vector<const pb::Descriptor*> children(const pb::FileDescriptor& file, const pb::Descriptor* parent) {
  if (parent == nullptr) return messages_of(file, file.message_type_count(), &pb::FileDescriptor::message_type);
  return messages_of(*parent, parent->nested_type_count(), &pb::Descriptor::nested_type);
}

Error not_found(std::string what) { return errors::bad_request(std::move(what)); }

}  // namespace

Result<std::vector<int>> protobuf_message_indexes(const ParsedSchema& schema, std::string_view full_name) {
  const auto* file = protobuf_file_descriptor(schema);
  if (file == nullptr) return not_found("not a PROTOBUF schema");
  if (!full_name.empty() && full_name.front() == '.') full_name.remove_prefix(1);
  const auto* target = file->pool()->FindMessageTypeByName(std::string(full_name));
  if (target == nullptr || target->file() != file) {
    return not_found("message " + std::string(full_name) + " is not defined in the schema");
  }
  std::vector<const pb::Descriptor*> chain;
  for (const auto* m = target; m != nullptr; m = m->containing_type()) chain.insert(chain.begin(), m);
  std::vector<int> indexes;
  const pb::Descriptor* parent = nullptr;
  for (const auto* m : chain) {
    const auto siblings = children(*file, parent);
    int index = -1;
    for (size_t i = 0; i < siblings.size(); ++i) {
      if (siblings[i] == m) index = static_cast<int>(i);
    }
    if (index < 0) return not_found("message " + std::string(full_name) + " is a map entry");
    indexes.push_back(index);
    parent = m;
  }
  return indexes;
}

Result<std::string> protobuf_message_name(const ParsedSchema& schema, std::span<const int> indexes) {
  const auto* file = protobuf_file_descriptor(schema);
  if (file == nullptr) return not_found("not a PROTOBUF schema");
  static constexpr int kFirst[] = {0};
  if (indexes.empty()) indexes = kFirst;
  const pb::Descriptor* current = nullptr;
  for (int index : indexes) {
    const auto siblings = children(*file, current);
    if (index < 0 || static_cast<size_t>(index) >= siblings.size()) {
      return not_found("invalid message indexes: no message at index " + std::to_string(index));
    }
    current = siblings[static_cast<size_t>(index)];
  }
  return current->full_name();
}

}  // namespace accord::formats
