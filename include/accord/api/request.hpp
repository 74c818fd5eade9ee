#pragma once
// A parsed HTTP request and the answer to it, free of any socket or HTTP library type:
// the api layer maps one to the other; http/ moves them over the wire.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord::api {

struct Request {
  std::string method;                              // "GET", "POST", "PUT", "DELETE", ...
  std::string path;                                // raw path, e.g. "/subjects/a%2Fb/versions"
  std::vector<std::string> segments;               // percent-decoded path segments: {"subjects","a/b","versions"}
  std::multimap<std::string, std::string> query;   // percent-decoded query parameters
  std::map<std::string, std::string> headers;      // lower-cased names
  std::string body;
  // Which subjects the caller may see in listings and counts (the catalog, the map); set
  // by the authorization layer, empty when every subject is visible.
  std::function<bool(const std::string& subject)> may_read;

  // The last value of a query parameter, if present.
  std::optional<std::string> param(std::string_view name) const;
  // A boolean query parameter: "true" (case-insensitive) is true, anything else false.
  bool flag(std::string_view name) const;
  std::optional<std::string> header(std::string_view lower_name) const;
};

struct Response {
  int status = 200;
  std::string body;                 // JSON text, or raw schema text when raw_text
  bool raw_text = false;            // the /schema endpoints answer the schema text itself
  std::map<std::string, std::string> headers;  // extra headers (e.g. WWW-Authenticate)
};

// Splits "/a/b%2Fc?x=1&y=%20" into decoded segments and query. False on a malformed escape.
bool parse_target(std::string_view target, Request& request);

}  // namespace accord::api
