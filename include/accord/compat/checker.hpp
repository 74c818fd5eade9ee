#pragma once
// Which earlier versions a compatibility level checks, and in which direction.
// The format decides reader-against-writer; this module composes the seven levels.
#include <span>
#include <string>
#include <vector>

#include "accord/formats/format.hpp"
#include "accord/model/types.hpp"

namespace accord::compat {

struct PreviousVersion {
  VersionNumber version{0};
  formats::ParsedSchemaPtr schema;
};

struct Verdict {
  bool compatible = true;
  std::vector<std::string> messages;  // one per break, with the version it breaks against
};

// `previous` are the subject's live versions, oldest first (soft-deleted ones are left out by
// the caller). BACKWARD: candidate reads data of the latest; FORWARD: the latest reads the
// candidate's data; FULL: both; *_TRANSITIVE: against every previous version, newest first.
Verdict check(CompatibilityLevel level, const formats::Format& format, const formats::ParsedSchema& candidate,
              std::span<const PreviousVersion> previous);

// The versions a level compares with: none, the latest, or all (newest first).
std::vector<PreviousVersion> versions_to_check(CompatibilityLevel level, std::span<const PreviousVersion> previous);

}  // namespace accord::compat
