#pragma once
// Which REST requests change the registry (and must reach the elected writer) and which
// are answered from the local store. Kept here rather than in api/ because only the
// cluster's routing needs the distinction.
#include <string>
#include <string_view>
#include <vector>

namespace accord::cluster {

// POST/PUT/DELETE, except the POSTs that only read: POST /subjects/{s} (lookup),
// POST /compatibility/... (check) and POST / (Confluent answers it like GET /).
bool is_write_request(std::string_view method, const std::vector<std::string>& segments);

}  // namespace accord::cluster
