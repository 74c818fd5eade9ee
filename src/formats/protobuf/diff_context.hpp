#pragma once
// The state of one Confluent-style diff of a writer schema ("original") against a reader
// schema ("update"): the path being compared, the original messages already on the way
// (recursive types), and the differences found. The comparison is split by level:
// file and type lists (schema_diff.cpp), messages (message_diff.cpp), fields (field_diff.cpp).
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <set>
#include <string>
#include <vector>

#include "difference.hpp"
#include "proto_schema.hpp"

namespace accord::formats::protobuf {

class DiffContext {
 public:
  DiffContext(const ProtoSchema& original, const ProtoSchema& update) : original_(original), update_(update) {}

  void compare_files(const google::protobuf::FileDescriptor& original, const google::protobuf::FileDescriptor& update);
  const std::vector<Difference>& differences() const { return differences_; }

 private:
  using Descriptor = google::protobuf::Descriptor;
  using EnumDescriptor = google::protobuf::EnumDescriptor;
  using FieldDescriptor = google::protobuf::FieldDescriptor;

  // The messages and enums declared in one scope (a file or a message), map entries left out.
  struct Scope {
    std::vector<const Descriptor*> messages;
    std::vector<const EnumDescriptor*> enums;
  };

  // Pushes one path segment for the lifetime of the scope.
  class Segment {
   public:
    Segment(DiffContext& ctx, std::string name) : ctx_(ctx) { ctx_.path_.push_back(std::move(name)); }
    ~Segment() { ctx_.path_.pop_back(); }
    Segment(const Segment&) = delete;
    Segment& operator=(const Segment&) = delete;

   private:
    DiffContext& ctx_;
  };

  void compare_scopes(const Scope& original, const Scope& update);
  void compare_enums(const EnumDescriptor& original, const EnumDescriptor& update);
  void compare_messages(const Descriptor& original, const Descriptor& update);
  void compare_message_fields(const Descriptor& original, const Descriptor& update);
  void compare_fields(const FieldDescriptor& original, const FieldDescriptor& update);
  void compare_types(const FieldDescriptor& original, const FieldDescriptor& update, bool with_labels);
  void compare_message_types(const Descriptor& original, const Descriptor& update, const FieldDescriptor& field);

  void add(Change change, std::string detail = {});
  std::string path_string() const;

  const ProtoSchema& original_;
  const ProtoSchema& update_;
  std::vector<std::string> path_;
  std::set<const Descriptor*> comparing_;
  std::vector<Difference> differences_;
};

}  // namespace accord::formats::protobuf
