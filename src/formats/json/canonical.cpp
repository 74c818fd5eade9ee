#include "canonical.hpp"

namespace accord::formats::json {

std::string canonical_text(const nlohmann::ordered_json& document) {
  // Non-ASCII stays UTF-8, as Jackson writes it.
  return document.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict);
}

std::string normalized_text(const nlohmann::ordered_json& document) {
  // nlohmann::json keeps object keys in a sorted map, so a round trip through it sorts them.
  nlohmann::json sorted = nlohmann::json::parse(document.dump());
  return sorted.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

}  // namespace accord::formats::json
