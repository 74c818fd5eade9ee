#include "uri.hpp"

namespace accord::formats::json {
namespace {

bool has_scheme(const std::string& uri) {
  auto colon = uri.find(':');
  auto slash = uri.find('/');
  return colon != std::string::npos && (slash == std::string::npos || colon < slash);
}

}  // namespace

std::string resolve_uri(const std::string& base, const std::string& ref) {
  if (base.empty() || has_scheme(ref)) return ref;
  if (ref.empty()) return base;
  auto scheme_end = base.find("://");
  if (ref.rfind("//", 0) == 0) return scheme_end == std::string::npos ? ref : base.substr(0, scheme_end + 1) + ref;
  if (ref.front() == '/') {
    if (scheme_end == std::string::npos) return ref;
    auto path_start = base.find('/', scheme_end + 3);
    return (path_start == std::string::npos ? base : base.substr(0, path_start)) + ref;
  }
  auto slash = base.rfind('/');
  if (slash == std::string::npos || (scheme_end != std::string::npos && slash < scheme_end + 3))
    return scheme_end != std::string::npos ? base + "/" + ref : ref;
  return base.substr(0, slash + 1) + ref;
}

std::string strip_dot_slash(std::string uri) {
  while (uri.rfind("./", 0) == 0) uri = uri.substr(2);
  return uri;
}

std::string strip_fragment(const std::string& uri) {
  auto hash = uri.find('#');
  return hash == std::string::npos ? uri : uri.substr(0, hash);
}

}  // namespace accord::formats::json

