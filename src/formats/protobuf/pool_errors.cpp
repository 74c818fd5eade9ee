#include "pool_errors.hpp"

#include "proto_source.hpp"

namespace accord::formats::protobuf {

void PoolErrors::AddError(const std::string&, const std::string& element_name,
                          const google::protobuf::Message* descriptor, ErrorLocation location,
                          const std::string& message) {
  if (!first_.empty()) return;
  int line = -1;
  int column = 0;
  if (locations_ != nullptr) {
    if (location == IMPORT) {
      locations_->FindImport(descriptor, element_name, &line, &column);
    } else {
      locations_->Find(descriptor, location, &line, &column);
    }
  }
  first_ = location_prefix(line, column) + message;
}

}  // namespace accord::formats::protobuf
