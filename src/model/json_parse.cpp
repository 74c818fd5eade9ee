#include "accord/model/json_parse.hpp"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "json_lexing.hpp"

namespace accord {
namespace {

// Valid UTF-8 never holds an encoded UTF-16 surrogate (0xED 0xA0..0xBF). RapidJSON writes one
// for an escaped low surrogate that follows no high one ("\udc00"), which nlohmann refuses.
bool has_surrogate(const char* text, std::size_t length) {
  const char* end = text + length;
  for (const char* p = text; (p = static_cast<const char*>(std::memchr(p, '\xED', static_cast<std::size_t>(end - p))));) {
    if (++p < end && static_cast<unsigned char>(*p) >= 0xA0) return true;
  }
  return false;
}

template <class J>
std::optional<J> number(std::string_view token) {
  const auto value = detail::read_number(token);
  if (!value) return std::nullopt;
  if (const auto* i = std::get_if<int64_t>(&*value)) return J(static_cast<typename J::number_integer_t>(*i));
  if (const auto* u = std::get_if<uint64_t>(&*value)) return J(static_cast<typename J::number_unsigned_t>(*u));
  return J(static_cast<typename J::number_float_t>(std::get<double>(*value)));
}

// Builds the document from RapidJSON's events. `open_` holds the arrays and objects being
// filled, innermost last; a container is only changed while it is innermost, so the pointers
// into it stay valid.
template <class J>
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder<J>> {
 public:
  bool Null() { return place(J(nullptr)); }
  bool Bool(bool value) { return place(J(value)); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    auto value = number<J>(std::string_view(text, length));
    return value && place(std::move(*value));
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    if (has_surrogate(text, length)) return false;
    return place(J(typename J::string_t(text, length)));
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    if (has_surrogate(text, length)) return false;
    key_.assign(text, length);
    return true;
  }
  bool StartObject() { return open(J::object()); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(J::array()); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  J root;

 private:
  J* put(J&& value) {
    if (open_.empty()) {
      root = std::move(value);
      return &root;
    }
    J& container = *open_.back();
    if (container.is_array()) {
      container.push_back(std::move(value));
      return &container.back();
    }
    J& slot = container[key_];  // a repeated key: its first position, the last value
    slot = std::move(value);
    return &slot;
  }
  bool place(J&& value) {
    put(std::move(value));
    return true;
  }
  bool open(J&& container) {
    open_.push_back(put(std::move(container)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  std::vector<J*> open_;
  typename J::string_t key_;
};

template <class J>
std::optional<J> parse_fast(std::string_view text) {
  // RapidJSON's stream ends at a NUL byte; nlohmann reads past it (and refuses it).
  if (std::memchr(text.data(), '\0', text.size())) return std::nullopt;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader reader;
  Builder<J> builder;
  // nlohmann refuses ill-formed UTF-8; checking it byte by byte is most of RapidJSON's time
  // on a string, and pure ASCII (most schemas) cannot be ill-formed.
  const bool refused = detail::is_ascii(text)
                           ? reader.Parse<kFlags>(stream, builder).IsError()
                           : reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(stream, builder).IsError();
  if (refused) return std::nullopt;
  return std::move(builder.root);
}

}  // namespace

template <class J>
J parse_json(std::string_view text) {
  if (auto parsed = parse_fast<J>(text)) return std::move(*parsed);
  return J::parse(text);
}

template <class J>
J parse_json_or_discarded(std::string_view text) {
  if (auto parsed = parse_fast<J>(text)) return std::move(*parsed);
  return J::parse(text, nullptr, false);
}

template nlohmann::json parse_json<nlohmann::json>(std::string_view);
template nlohmann::ordered_json parse_json<nlohmann::ordered_json>(std::string_view);
template nlohmann::json parse_json_or_discarded<nlohmann::json>(std::string_view);
template nlohmann::ordered_json parse_json_or_discarded<nlohmann::ordered_json>(std::string_view);

}  // namespace accord

namespace accord::detail {

std::optional<JsonNumber> read_number(std::string_view token) {
  const char* begin = token.data();
  const char* end = begin + token.size();
  if (token.find_first_of(".eE") == std::string_view::npos) {
    if (token.starts_with('-')) {
      int64_t value = 0;
      if (auto [at, error] = std::from_chars(begin, end, value); error == std::errc() && at == end) return value;
    } else {
      uint64_t value = 0;
      if (auto [at, error] = std::from_chars(begin, end, value); error == std::errc() && at == end) return value;
    }
  }
  double value = 0;
  if (auto [at, error] = std::from_chars(begin, end, value); error != std::errc() || at != end) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

bool is_ascii(std::string_view text) {
  std::size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + at, 8);
    if (word & 0x8080808080808080u) return false;
  }
  for (; at < text.size(); ++at)
    if (static_cast<unsigned char>(text[at]) >= 0x80) return false;
  return true;
}

}  // namespace accord::detail
