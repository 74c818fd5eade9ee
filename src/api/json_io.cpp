#include "json_io.hpp"

#include <array>
#include <string_view>

#include "accord/model/errors.hpp"

namespace accord::api {

namespace {

// nlohmann's own rendering of `value`. Error messages echo what the client sent (a path
// segment, the parser's view of a body), which need not be UTF-8: bad bytes are replaced
// with U+FFFD instead of throwing.
void append_dump(std::string& out, const Json& value) {
  out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// How nlohmann escapes each ASCII byte: the letter after the backslash of a short escape, 'u'
// for \u00XX, 0 for a byte written as it is.
constexpr std::array<char, 128> kEscapes = [] {
  std::array<char, 128> escapes{};
  for (int c = 0; c < 0x20; ++c) escapes[c] = 'u';
  escapes['\b'] = 'b';
  escapes['\t'] = 't';
  escapes['\n'] = 'n';
  escapes['\f'] = 'f';
  escapes['\r'] = 'r';
  escapes['"'] = '"';
  escapes['\\'] = '\\';
  return escapes;
}();
// The bytes each escape adds to the text: a table, not a branch, in the sizing pass.
constexpr std::array<unsigned char, 128> kAdded = [] {
  std::array<unsigned char, 128> added{};
  for (int c = 0; c < 128; ++c) added[c] = kEscapes[c] == 0 ? 0 : kEscapes[c] == 'u' ? 5 : 1;
  return added;
}();

// A string as nlohmann writes it, when every byte is ASCII: nlohmann decodes each byte as
// UTF-8 to find where to replace bad ones, and in an uncached schema read that was an
// eighth of the time (bench/store/api_reads.cpp). False, writing nothing, for any other
// byte: those strings are nlohmann's to write. A schema's text is about one quote in six
// bytes: the common bytes are written without a branch that depends on them.
bool append_ascii_string(std::string& out, std::string_view text) {
  unsigned char high = 0;
  std::size_t added = 0;  // bytes beyond the text's own
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    high |= c;
    added += kAdded[c & 0x7F];
  }
  if (high & 0x80) return false;
  const std::size_t at = out.size();
  out.resize(at + text.size() + added + 2);
  char* to = out.data() + at;
  *to++ = '"';
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const char escape = kEscapes[c];
    if (escape == 'u') [[unlikely]] {
      static constexpr char kHex[] = "0123456789abcdef";
      for (char x : {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]}) *to++ = x;
      continue;
    }
    // A plain byte overwrites the backslash it was given.
    const std::size_t escaped = escape != 0;
    to[0] = '\\';
    to[escaped] = escaped ? escape : ch;
    to += 1 + escaped;
  }
  *to = '"';
  return true;
}

}  // namespace

void append_json(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      if (!append_ascii_string(out, value.get_ref<const std::string&>())) append_dump(out, value);
      return;
    case Json::value_t::array: {
      out.push_back('[');
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it != value.begin()) out.push_back(',');
        append_json(out, *it);
      }
      out.push_back(']');
      return;
    }
    case Json::value_t::object: {
      out.push_back('{');
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it != value.begin()) out.push_back(',');
        if (!append_ascii_string(out, it.key())) append_dump(out, Json(it.key()));
        out.push_back(':');
        append_json(out, it.value());
      }
      out.push_back('}');
      return;
    }
    default:  // numbers, booleans, null, binary
      append_dump(out, value);
  }
}

Response json_response(const Json& body, int status) {
  Response response;
  response.status = status;
  append_json(response.body, body);
  return response;
}

Result<Json> parse_json_body(const Request& request) {
  if (request.body.empty()) return errors::bad_request("Request body is empty");
  try {
    return Json::parse(request.body);
  } catch (const std::exception& e) {
    return errors::bad_request(std::string("Unexpected character or malformed JSON in request body: ") + e.what());
  }
}

Result<Json> parse_object_body(const Request& request) {
  auto body = parse_json_body(request);
  if (!body) return body;
  if (!body->is_object()) return errors::bad_request("Request body must be a JSON object");
  return body;
}

}  // namespace accord::api
