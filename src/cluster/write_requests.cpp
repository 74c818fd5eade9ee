#include "accord/cluster/write_requests.hpp"

namespace accord::cluster {

bool is_write_request(std::string_view method, const std::vector<std::string>& segments) {
  if (method == "PUT" || method == "DELETE") return true;
  if (method != "POST") return false;
  if (segments.empty()) return false;
  if (segments[0] == "compatibility") return false;
  if (segments[0] == "subjects" && segments.size() == 2) return false;
  return true;
}

}  // namespace accord::cluster
