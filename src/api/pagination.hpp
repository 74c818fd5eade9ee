#pragma once
// The offset/limit query parameters applied to a listing (private to api/).
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "accord/api/request.hpp"

namespace accord::api {

template <class T>
std::vector<T> paginate(const Request& request, std::vector<T> items) {
  auto number = [&](const char* name) -> int64_t {
    auto value = request.param(name);
    if (!value) return 0;
    try {
      return std::stoll(*value);
    } catch (...) {
      return 0;
    }
  };
  const int64_t offset = std::max<int64_t>(0, number("offset"));
  const int64_t limit = number("limit");
  if (offset >= static_cast<int64_t>(items.size())) return {};
  auto begin = items.begin() + offset;
  auto end = (limit > 0 && offset + limit < static_cast<int64_t>(items.size())) ? begin + limit : items.end();
  return std::vector<T>(std::make_move_iterator(begin), std::make_move_iterator(end));
}

}  // namespace accord::api
