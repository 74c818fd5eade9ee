#include "accord/model/json_document.hpp"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <variant>
#include <vector>

#include "accord/model/json_parse.hpp"
#include "json_lexing.hpp"

namespace accord {
namespace {

using rapidjson::Value;
using Json = nlohmann::ordered_json;

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
        keys.push_back(string_view_of(member.name));
        pending.push_back(&member.value);
      }
      std::sort(keys.begin(), keys.end());
      if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return true;
    }
  }
  return false;
}

// Hands a reader's events to the document, each number converted as nlohmann converts it.
// RapidJSON's own conversion is not used: version 1.1.0's exact one fails on a zero
// significand with a large exponent ("0e41" passes zero to a count of leading zeros, which is
// undefined), and its default one may be off in the last digit.
class DocumentFiller {
 public:
  explicit DocumentFiller(rapidjson::Document& document) : document_(document) {}
  bool Null() { return document_.Null(); }
  bool Bool(bool value) { return document_.Bool(value); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const auto number = detail::read_number(std::string_view(text, length));
    if (!number) return false;  // nlohmann decides
    if (const auto* i = std::get_if<int64_t>(&*number)) return document_.Int64(*i);
    if (const auto* u = std::get_if<uint64_t>(&*number)) return document_.Uint64(*u);
    return document_.Double(std::get<double>(*number));
  }
  bool String(const char* text, rapidjson::SizeType length, bool copy) { return document_.String(text, length, copy); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) { return document_.Key(text, length, copy); }
  bool StartObject() { return document_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { return document_.EndObject(members); }
  bool StartArray() { return document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return document_.EndArray(elements); }
  // Unused with kParseNumbersAsStringsFlag; a reader's handler must still have them.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }

 private:
  rapidjson::Document& document_;
};

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;

// RapidJSON's reading of `text` into `document`; false when it refuses it.
template <unsigned flags>
bool fill(std::string_view text, rapidjson::Document& document) {
  bool read = false;
  auto generate = [&](rapidjson::Document& handler) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    DocumentFiller filler(handler);
    read = !reader.Parse<flags>(stream, filler).IsError();
    return read;
  };
  document.Populate(generate);
  return read;
}

Json scalar(const Value& value) {
  if (value.IsString()) return Json(std::string(string_view_of(value)));
  if (value.IsBool()) return Json(value.GetBool());
  if (value.IsNull()) return Json(nullptr);
  // The filler kept integers as read_number read them; a non-negative one reads as
  // unsigned here (RapidJSON flags it as both), as nlohmann reads it.
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
    const bool read = detail::is_ascii(text) ? fill<kFlags>(text, document)
                                             : fill<kFlags | rapidjson::kParseValidateEncodingFlag>(text, document);
    if (read && !has_repeated_key(document)) return std::nullopt;
  }
  Json json;
  try {
    json = parse_json<Json>(text);
  } catch (const Json::exception& e) {  // parse errors, and numbers beyond a double (1e400)
    return std::string(e.what());
  }
  if (!fill<kFlags>(json.dump(), document)) return std::string("nlohmann's document could not be read back");
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
      slot = &((*frame.into)[std::string(string_view_of(name))] = std::move(converted));
    } else {
      frame.into->push_back(std::move(converted));
      slot = &frame.into->back();
    }
    if (item.IsObject() || item.IsArray()) stack.push_back({&item, slot});
  }
  return root;
}

}  // namespace accord
