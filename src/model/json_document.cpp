#include "accord/model/json_document.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "accord/model/json_parse.hpp"
#include "ascii_text.hpp"

namespace accord {
namespace {

using rapidjson::Value;
using Json = nlohmann::ordered_json;

std::string_view view(const Value& string) { return {string.GetString(), string.GetStringLength()}; }

// Whether some object of the document names a key twice. Walked with a stack of its own:
// the depth of a document is the sender's to choose.
bool has_repeated_key(const Value& root) {
  std::vector<const Value*> pending{&root};
  std::vector<std::string_view> keys;
  while (!pending.empty()) {
    const Value& value = *pending.back();
    pending.pop_back();
    if (value.IsArray()) {
      for (const auto& item : value.GetArray()) pending.push_back(&item);
    } else if (value.IsObject()) {
      keys.clear();
      for (const auto& member : value.GetObject()) {
        keys.push_back(view(member.name));
        pending.push_back(&member.value);
      }
      std::sort(keys.begin(), keys.end());
      if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return true;
    }
  }
  return false;
}

constexpr unsigned kFlags = rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag;

Json scalar(const Value& value) {
  if (value.IsString()) return Json(std::string(value.GetString(), value.GetStringLength()));
  if (value.IsBool()) return Json(value.GetBool());
  if (value.IsNull()) return Json(nullptr);
  // RapidJSON keeps an integer token that fits 64 bits as one (unsigned unless negative),
  // and anything else as a double: nlohmann's rules.
  if (value.IsUint64()) return Json(static_cast<Json::number_unsigned_t>(value.GetUint64()));
  if (value.IsInt64()) return Json(static_cast<Json::number_integer_t>(value.GetInt64()));
  return Json(static_cast<Json::number_float_t>(value.GetDouble()));
}

}  // namespace

std::optional<std::string> read_json_document(std::string_view text, rapidjson::Document& document) {
  // RapidJSON decodes a lone UTF-16 surrogate escape that nlohmann refuses, and its stream
  // ends at a NUL byte that nlohmann refuses: neither appears in a text without a `\u`.
  const bool plain = !std::memchr(text.data(), '\0', text.size()) && text.find("\\u") == std::string_view::npos;
  if (plain) {
    if (detail::is_ascii(text)) document.Parse<kFlags>(text.data(), text.size());
    else document.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
    if (!document.HasParseError() && !has_repeated_key(document)) return std::nullopt;
  }
  Json json;
  try {
    json = parse_json<Json>(text);
  } catch (const Json::exception& e) {  // parse errors, and numbers beyond a double (1e400)
    return std::string(e.what());
  }
  const std::string written = json.dump();
  document.Parse<kFlags>(written.data(), written.size());
  if (document.HasParseError()) return std::string("nlohmann's document could not be read back");
  return std::nullopt;
}

Json to_ordered_json(const Value& value) {
  if (!value.IsObject() && !value.IsArray()) return scalar(value);
  // Depth-first with a stack of its own, like has_repeated_key. Each frame fills the
  // container it points at; a container is only filled while its frame is on top, so the
  // pointers stay valid.
  struct Frame {
    const Value* from;
    Json* into;
    rapidjson::SizeType next = 0;
  };
  Json root = value.IsObject() ? Json::object() : Json::array();
  std::vector<Frame> stack{{&value, &root}};
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const Value& from = *frame.from;
    const rapidjson::SizeType size = from.IsObject() ? from.MemberCount() : from.Size();
    if (frame.next == size) {
      stack.pop_back();
      continue;
    }
    const rapidjson::SizeType at = frame.next++;
    const Value& item = from.IsObject() ? (from.MemberBegin() + at)->value : from[at];
    Json converted = item.IsObject() ? Json::object() : item.IsArray() ? Json::array() : scalar(item);
    Json* slot;
    if (from.IsObject()) {
      const auto& name = (from.MemberBegin() + at)->name;
      slot = &((*frame.into)[std::string(name.GetString(), name.GetStringLength())] = std::move(converted));
    } else {
      frame.into->push_back(std::move(converted));
      slot = &frame.into->back();
    }
    if (item.IsObject() || item.IsArray()) stack.push_back({&item, slot});
  }
  return root;
}

}  // namespace accord
