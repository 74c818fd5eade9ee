#pragma once
// An in-memory registry behind the HttpTransport seam: enough of the REST API for the
// serializers (register, lookup, by id, versions, latest), plus scripted failures.
#include <deque>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "accord/serde/http_transport.hpp"

namespace accord::serde::testing {

class FakeRegistry final : public HttpTransport {
 public:
  struct Stored {
    nlohmann::json request;  // schema, schemaType, references
    int id = 0;
  };

  SerdeResult<HttpResponse> send(const std::string& base_url, const HttpRequest& request) override;
  // The GUID this fake gives schema `id` (GET /schemas/ids/{id} and /schemas/guids/...).
  static std::string guid_of(int id);

  std::deque<std::string> failing_urls;       // each send to the front URL fails (consumed)
  std::deque<int> scripted_statuses;           // answered before anything else (consumed)
  std::vector<std::string> seen;               // "<url> <method> <target>"
  std::vector<HttpRequest> requests;
  std::map<int, nlohmann::json> by_id;
  std::map<std::string, std::vector<Stored>> subjects;

 private:
  HttpResponse register_or_lookup(const std::string& subject, const std::string& body, bool create);
  int next_id_ = 1;
};

}  // namespace accord::serde::testing
