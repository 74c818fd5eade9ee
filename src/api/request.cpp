#include "accord/api/request.hpp"

#include <algorithm>
#include <cctype>

namespace accord::api {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Query components follow form encoding ('+' is a space), as JAX-RS decodes them;
// in path segments '+' is a literal plus.
bool percent_decode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool parse_query(std::string_view query, Request& request) {
  std::string name;
  std::string value;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view raw_name = pair.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    if (!percent_decode(raw_name, true, name) || !percent_decode(raw_value, true, value)) return false;
    request.query.emplace(name, value);
  }
  return true;
}

}  // namespace

std::optional<std::string> Request::param(std::string_view name) const {
  auto [first, last] = query.equal_range(std::string(name));
  if (first == last) return std::nullopt;
  return std::prev(last)->second;
}

bool Request::flag(std::string_view name) const {
  auto value = param(name);
  if (!value || value->size() != 4) return false;
  return std::equal(value->begin(), value->end(), "true", [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

std::optional<std::string> Request::header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

bool parse_target(std::string_view target, Request& request) {
  request.segments.clear();
  request.query.clear();
  if (target.empty() || target.front() != '/') return false;
  std::size_t fragment = target.find('#');
  if (fragment != std::string_view::npos) target = target.substr(0, fragment);
  std::size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  std::string_view query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
  request.path.assign(path);

  // Interior empty segments are kept ("/subjects//versions" names an empty subject, which
  // routing rejects); only the leading slash and one trailing slash carry no segment.
  std::string_view rest = path.substr(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string decoded;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view raw = rest.substr(0, slash);
    if (!percent_decode(raw, false, decoded)) return false;
    request.segments.push_back(decoded);
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
    if (rest.empty()) {
      // "a//" after trimming one slash: the final segment is empty.
      request.segments.emplace_back();
      break;
    }
  }
  return parse_query(query, request);
}

}  // namespace accord::api
