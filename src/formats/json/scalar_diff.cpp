// Comparisons of the leaf constraint groups: string, number, enum, const, not.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <optional>

#include "schema_diff.hpp"

namespace accord::formats::json {
namespace {

template <class T>
void compare_bound(DiffContext& ctx, const char* keyword, const std::optional<T>& original,
                   const std::optional<T>& update, const std::string& prefix) {
  if (original == update) return;
  if (!original) ctx.add(keyword, prefix + "_ADDED");
  else if (!update) ctx.add(keyword, prefix + "_REMOVED");
  else if (*original < *update) ctx.add(keyword, prefix + "_INCREASED");
  else if (*original > *update) ctx.add(keyword, prefix + "_DECREASED");
}

// A JSON number as an exact decimal: digits * 10^-scale.
struct Decimal {
  __int128 digits = 0;
  int scale = 0;
};

std::optional<Decimal> parse_decimal(const std::string& text) {
  Decimal d;
  bool negative = false, in_fraction = false, any = false;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      in_fraction = true;
    } else if (c >= '0' && c <= '9') {
      if (d.digits > (static_cast<__int128>(1) << 100)) return std::nullopt;
      d.digits = d.digits * 10 + (c - '0');
      if (in_fraction) ++d.scale;
      any = true;
    } else if (c == 'e' || c == 'E') {
      int exponent = 0;
      try {
        exponent = std::stoi(text.substr(i + 1));
      } catch (const std::exception&) {
        return std::nullopt;
      }
      if (exponent > 30 || exponent < -30) return std::nullopt;
      d.scale -= exponent;
      break;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  while (d.scale < 0) {
    d.digits *= 10;
    ++d.scale;
  }
  if (negative) d.digits = -d.digits;
  return d;
}

__int128 scaled(const Decimal& d, int scale) {
  __int128 v = d.digits;
  for (int s = d.scale; s < scale; ++s) v *= 10;
  return v;
}

// Whether `a` is a whole multiple of `b`; nullopt when the numbers are too large to be exact.
std::optional<bool> divides(const std::string& a, const std::string& b) {
  auto x = parse_decimal(a), y = parse_decimal(b);
  if (!x || !y || x->scale > 30 || y->scale > 30) return std::nullopt;
  int scale = std::max(x->scale, y->scale);
  __int128 sx = scaled(*x, scale), sy = scaled(*y, scale);
  if (sy == 0) return std::nullopt;
  return sx % sy == 0;
}

bool is_zero(const std::string& a) {
  auto x = parse_decimal(a);
  return x && x->digits == 0;
}

bool numerically_equal(const std::string& a, const std::string& b) {
  auto x = parse_decimal(a), y = parse_decimal(b);
  if (!x || !y) return a == b;
  int scale = std::max(x->scale, y->scale);
  return scaled(*x, scale) == scaled(*y, scale);
}

}  // namespace

void compare_strings(DiffContext& ctx, const Node& original, const Node& update) {
  compare_bound(ctx, "maxLength", original.max_length, update.max_length, "MAX_LENGTH");
  compare_bound(ctx, "minLength", original.min_length, update.min_length, "MIN_LENGTH");
  if (!original.pattern && update.pattern) ctx.add("pattern", "PATTERN_ADDED");
  else if (original.pattern && !update.pattern) ctx.add("pattern", "PATTERN_REMOVED");
  else if (original.pattern && *original.pattern != *update.pattern) ctx.add("pattern", "PATTERN_CHANGED");
}

void compare_numbers(DiffContext& ctx, const Node& original, const Node& update) {
  compare_bound(ctx, "maximum", original.maximum, update.maximum, "MAXIMUM");
  compare_bound(ctx, "minimum", original.minimum, update.minimum, "MINIMUM");
  compare_bound(ctx, "exclusiveMaximum", original.exclusive_maximum, update.exclusive_maximum, "EXCLUSIVE_MAXIMUM");
  compare_bound(ctx, "exclusiveMinimum", original.exclusive_minimum, update.exclusive_minimum, "EXCLUSIVE_MINIMUM");
  const auto& o = original.multiple_of;
  const auto& u = update.multiple_of;
  bool equal = !o ? !u : (u && numerically_equal(*o, *u));
  if (!equal) {
    if (!o) ctx.add("multipleOf", "MULTIPLE_OF_ADDED");
    else if (!u) ctx.add("multipleOf", "MULTIPLE_OF_REMOVED");
    else if (!is_zero(*o) && divides(*u, *o).value_or(false)) ctx.add("multipleOf", "MULTIPLE_OF_EXPANDED");
    else if (!is_zero(*u) && divides(*o, *u).value_or(false)) ctx.add("multipleOf", "MULTIPLE_OF_REDUCED");
    else ctx.add("multipleOf", "MULTIPLE_OF_CHANGED");
  }
  // integer -> number widens what is accepted; number -> integer narrows it.
  if (original.requires_integer != update.requires_integer)
    ctx.add(original.requires_integer ? "TYPE_EXTENDED" : "TYPE_NARROWED");
}

void compare_enums(DiffContext& ctx, const Node& original, const Node& update) {
  auto contains_all = [](const std::vector<nlohmann::ordered_json>& set, const std::vector<nlohmann::ordered_json>& of) {
    return std::all_of(of.begin(), of.end(), [&](const auto& v) { return std::find(set.begin(), set.end(), v) != set.end(); });
  };
  bool grows = contains_all(update.enum_values, original.enum_values);
  bool shrinks = contains_all(original.enum_values, update.enum_values);
  if (grows && shrinks) return;
  if (grows) ctx.add("enum", "ENUM_ARRAY_EXTENDED");
  else if (shrinks) ctx.add("enum", "ENUM_ARRAY_NARROWED");
  else ctx.add("enum", "ENUM_ARRAY_CHANGED");
}

void compare_consts(DiffContext& ctx, const Node& original, const Node& update) {
  if (original.const_value != update.const_value) ctx.add("const", "ENUM_ARRAY_CHANGED");
}

void compare_nots(DiffContext& ctx, const Node& original, const Node& update) {
  DiffContext::PathScope scope(ctx, "not");
  // What the reader refuses must be refused by the writer too: compare the other way round.
  DiffContext sub = ctx.sub();
  compare(sub, update.must_not, original.must_not);
  ctx.add(sub.compatible() ? "NOT_TYPE_NARROWED" : "NOT_TYPE_EXTENDED");
}

}  // namespace accord::formats::json
