#include "accord/http/content_types.hpp"

#include <array>
#include <charconv>

namespace accord::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;  // b is always lower case here
  }
  return true;
}

struct ServerType {
  std::string_view subtype;  // of "application/..."
  std::string_view full;
  double weight;
};

constexpr std::array<ServerType, 3> kServerTypes = {{
    {"vnd.schemaregistry.v1+json", kSchemaRegistryV1Json, 1.0},
    {"vnd.schemaregistry+json", kSchemaRegistryJson, 0.9},
    {"json", kJson, 0.5},
}};

// q of the "q=..." parameter; a missing or unreadable q counts as 1 (lenient, like Jersey
// for Java's "q=.2").
double quality(std::string_view params) {
  while (!params.empty()) {
    std::size_t semi = params.find(';');
    std::string_view param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string_view number = trim(param.substr(2));
      double q = 1.0;
      auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), q);
      if (ec != std::errc{} || end != number.data() + number.size()) return 1.0;
      return q < 0 ? 0 : (q > 1 ? 1 : q);
    }
  }
  return 1.0;
}

}  // namespace

std::optional<std::string_view> negotiate_response_type(std::string_view accept) {
  if (trim(accept).empty()) return kSchemaRegistryV1Json;
  // Per server type: the q of the most specific matching media range (RFC 9110 §12.5.1).
  std::array<int, 3> specificity{0, 0, 0};
  std::array<double, 3> q{0, 0, 0};
  while (!accept.empty()) {
    std::size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    std::size_t semi = item.find(';');
    std::string_view range = trim(item.substr(0, semi));
    double item_q = quality(semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1));
    std::string_view type = range;
    std::string_view subtype = "*";
    if (std::size_t slash = range.find('/'); slash != std::string_view::npos) {
      type = trim(range.substr(0, slash));
      subtype = trim(range.substr(slash + 1));
    } else if (range != "*") {
      continue;  // not a media range
    }
    for (std::size_t i = 0; i < kServerTypes.size(); ++i) {
      int spec = 0;
      if (type == "*" && subtype == "*") {
        spec = 1;
      } else if (iequals(type, "application") && subtype == "*") {
        spec = 2;
      } else if (iequals(type, "application") && iequals(subtype, kServerTypes[i].subtype)) {
        spec = 3;
      }
      if (spec > specificity[i]) {
        specificity[i] = spec;
        q[i] = item_q;
      } else if (spec != 0 && spec == specificity[i] && item_q > q[i]) {
        q[i] = item_q;
      }
    }
  }
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < kServerTypes.size(); ++i) {
    if (q[i] <= 0) continue;
    // Types are in descending server weight, so a tie on q keeps the earlier one.
    if (!best || q[i] > q[*best]) best = i;
  }
  if (!best) return std::nullopt;
  return kServerTypes[*best].full;
}

bool is_accepted_request_type(std::string_view content_type) {
  std::string_view media = trim(content_type.substr(0, content_type.find(';')));
  if (media.empty()) return true;
  for (std::string_view accepted : {kSchemaRegistryV1Json, kSchemaRegistryJson, kJson, kOctetStream}) {
    if (iequals(media, accepted)) return true;
  }
  return false;
}

}  // namespace accord::http
