#include "accord/compat/checker.hpp"

namespace accord::compat {
namespace {

bool transitive(CompatibilityLevel level) {
  return level == CompatibilityLevel::BackwardTransitive || level == CompatibilityLevel::ForwardTransitive ||
         level == CompatibilityLevel::FullTransitive;
}
bool checks_backward(CompatibilityLevel level) {
  return level == CompatibilityLevel::Backward || level == CompatibilityLevel::BackwardTransitive ||
         level == CompatibilityLevel::Full || level == CompatibilityLevel::FullTransitive;
}
bool checks_forward(CompatibilityLevel level) {
  return level == CompatibilityLevel::Forward || level == CompatibilityLevel::ForwardTransitive ||
         level == CompatibilityLevel::Full || level == CompatibilityLevel::FullTransitive;
}

void add(Verdict& verdict, const std::vector<formats::Incompatibility>& breaks, VersionNumber version,
         const char* direction) {
  for (const auto& b : breaks) {
    verdict.compatible = false;
    std::string message = "{errorType:'" + b.kind + "', description:'" + b.message + "', additionalInfo:'" +
                          b.path + "'}";
    message += " {oldSchemaVersion: " + std::to_string(version) + ", direction: '" + direction + "'}";
    verdict.messages.push_back(std::move(message));
  }
}

}  // namespace

std::vector<PreviousVersion> versions_to_check(CompatibilityLevel level, std::span<const PreviousVersion> previous) {
  std::vector<PreviousVersion> out;
  if (level == CompatibilityLevel::None || previous.empty()) return out;
  if (!transitive(level)) {
    out.push_back(previous.back());
    return out;
  }
  out.assign(previous.rbegin(), previous.rend());
  return out;
}

Verdict check(CompatibilityLevel level, const formats::Format& format, const formats::ParsedSchema& candidate,
              std::span<const PreviousVersion> previous) {
  Verdict verdict;
  for (const auto& old : versions_to_check(level, previous)) {
    if (old.schema->type() != candidate.type()) {
      verdict.compatible = false;
      verdict.messages.push_back("Incompatible because of different schema type {oldSchemaVersion: " +
                                 std::to_string(old.version) + "}");
      continue;
    }
    if (checks_backward(level)) add(verdict, format.check(candidate, *old.schema), old.version, "BACKWARD");
    if (checks_forward(level)) add(verdict, format.check(*old.schema, candidate), old.version, "FORWARD");
  }
  return verdict;
}

}  // namespace accord::compat
