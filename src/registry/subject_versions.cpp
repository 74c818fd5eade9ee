#include "accord/registry/subject_versions.hpp"

namespace accord::registry {

std::vector<store::VersionInfo> live_versions(const store::StateStore& store, std::string_view subject) {
  auto all = store.versions(subject);
  std::erase_if(all, [](const store::VersionInfo& v) { return v.deleted; });
  return all;
}

}  // namespace accord::registry
