#pragma once
// The offset/limit query parameters applied to a listing (private to api/).
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "accord/api/request.hpp"

namespace accord::api {

// A query parameter's integer value: 0 when absent or not a number.
inline int64_t int_param(const Request& request, const char* name) {
  auto value = request.param(name);
  if (!value) return 0;
  try {
    return std::stoll(*value);
  } catch (...) {
    return 0;
  }
}

template <class T>
std::vector<T> paginate(const Request& request, std::vector<T> items) {
  const int64_t offset = std::max<int64_t>(0, int_param(request, "offset"));
  const int64_t limit = int_param(request, "limit");
  if (offset >= static_cast<int64_t>(items.size())) return {};
  auto begin = items.begin() + offset;
  auto end = (limit > 0 && offset + limit < static_cast<int64_t>(items.size())) ? begin + limit : items.end();
  return std::vector<T>(std::make_move_iterator(begin), std::make_move_iterator(end));
}

}  // namespace accord::api
