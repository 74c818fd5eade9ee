#pragma once
// Keeps the first validation error a DescriptorPool reports, placed at the line and column
// the parser recorded for the offending element.
#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.h>

#include <string>

namespace accord::formats::protobuf {

class PoolErrors final : public google::protobuf::DescriptorPool::ErrorCollector {
 public:
  explicit PoolErrors(const google::protobuf::compiler::SourceLocationTable* locations = nullptr)
      : locations_(locations) {}

  void AddError(const std::string& filename, const std::string& element_name,
                const google::protobuf::Message* descriptor, ErrorLocation location,
                const std::string& message) override;

  const std::string& first() const { return first_; }

 private:
  const google::protobuf::compiler::SourceLocationTable* locations_;
  std::string first_;
};

}  // namespace accord::formats::protobuf
