#pragma once
// A number that means one thing (a schema id, a version, a log offset): its own type, so one
// kind is never passed, assigned, constructed or compared where another is expected, while
// reading the number stays plain (`value()`, or the implicit conversion to the
// representation for arithmetic, printing and comparing with a literal). std only: the JSON
// conversions are templates over the JSON type, found by argument-dependent lookup.
#include <compare>
#include <concepts>
#include <cstddef>
#include <functional>

namespace accord {

template <class Tag, class Rep>
class Number {
 public:
  using rep_type = Rep;

  constexpr Number() = default;
  // Explicit: a bare integer becomes an id, a version or an offset only where it is spelled so.
  explicit constexpr Number(Rep value) : value_(value) {}
  // Without these, a Number of another kind would convert through its representation:
  // `Offset{id}` and `id == version` would compile.
  template <class OtherTag, class OtherRep>
  Number(Number<OtherTag, OtherRep>) = delete;
  template <class OtherTag, class OtherRep>
  bool operator==(const Number<OtherTag, OtherRep>&) const = delete;
  template <class OtherTag, class OtherRep>
  void operator<=>(const Number<OtherTag, OtherRep>&) const = delete;

  constexpr Rep value() const { return value_; }
  // Implicit on the way out only: an int never converts back into a Number implicitly, so a
  // VersionNumber still cannot reach a SchemaId parameter (two user conversions).
  constexpr operator Rep() const { return value_; }

  // Declared, not implied by <=>: the deleted cross-kind == above suppresses the implicit one.
  constexpr bool operator==(const Number&) const = default;
  constexpr auto operator<=>(const Number&) const = default;

  // A step keeps the kind: the offset after an offset, the version after a version. (Two
  // Numbers subtract through the representation: a distance is a plain count.)
  template <std::integral Step>
  friend constexpr Number operator+(Number number, Step step) {
    return Number{static_cast<Rep>(number.value_ + step)};
  }
  template <std::integral Step>
  friend constexpr Number operator-(Number number, Step step) {
    return Number{static_cast<Rep>(number.value_ - step)};
  }

  constexpr Number& operator++() {
    ++value_;
    return *this;
  }
  constexpr Number operator++(int) { return Number{value_++}; }

  // nlohmann/json: a plain JSON number on the wire.
  template <class Json>
  friend void to_json(Json& json, Number number) {
    json = number.value_;
  }
  template <class Json>
  friend void from_json(const Json& json, Number& number) {
    number = Number{json.template get<Rep>()};
  }

 private:
  Rep value_{};
};

}  // namespace accord

template <class Tag, class Rep>
struct std::hash<accord::Number<Tag, Rep>> {
  std::size_t operator()(accord::Number<Tag, Rep> number) const noexcept { return std::hash<Rep>{}(number.value()); }
};
