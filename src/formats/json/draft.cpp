#include "draft.hpp"

#include <string>

namespace accord::formats::json {

std::optional<Draft> draft_from_url(std::string_view url) {
  std::string u(url);
  // Scheme (http/https) and a trailing '#' do not change the dialect.
  if (u.rfind("https://", 0) == 0) u = u.substr(8);
  else if (u.rfind("http://", 0) == 0) u = u.substr(7);
  if (!u.empty() && u.back() == '#') u.pop_back();
  if (u == "json-schema.org/draft-04/schema") return Draft::V4;
  if (u == "json-schema.org/draft-06/schema") return Draft::V6;
  if (u == "json-schema.org/draft-07/schema") return Draft::V7;
  if (u == "json-schema.org/draft/2019-09/schema") return Draft::V2019_09;
  if (u == "json-schema.org/draft/2020-12/schema") return Draft::V2020_12;
  return std::nullopt;
}

Draft draft_of(const nlohmann::ordered_json& document) {
  if (document.is_object()) {
    auto it = document.find("$schema");
    if (it != document.end() && it->is_string()) {
      if (auto d = draft_from_url(it->get<std::string>())) return *d;
    }
  }
  return Draft::V7;
}

std::string_view to_string(Draft draft) {
  switch (draft) {
    case Draft::V4: return "draft-04";
    case Draft::V6: return "draft-06";
    case Draft::V7: return "draft-07";
    case Draft::V2019_09: return "2019-09";
    case Draft::V2020_12: return "2020-12";
  }
  return "draft-07";
}

}  // namespace accord::formats::json
