#pragma once
// The versions of a subject that are not soft-deleted, oldest first.
#include <string_view>
#include <vector>

#include "accord/store/state_store.hpp"

namespace accord::registry {

std::vector<store::VersionInfo> live_versions(const store::StateStore& store, std::string_view subject);

}  // namespace accord::registry
