#pragma once
// What a route is, said once: one descriptor per method and path pattern carries the
// endpoint that answers it and everything the layers in front of the endpoint need to know
// about it — the permission it takes, whether it changes the registry (and so goes to the
// elected writer), whether it is answered before the store has caught up with the log, its
// metrics label. Authentication, forwarding, the readiness gate, the limits and the metrics
// read the descriptor; none of them looks at path segments (docs/architecture.md, "Routes").
//
// This header is in accord_request with Request/Response: it names the Api class but needs
// none of it, so http/ and auth/ read descriptors without linking the store.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/api/request.hpp"

namespace accord::api {

class Api;
using Endpoint = Response (Api::*)(const Request&);

// Who may call a route. The subject is the path segment the pattern names `{subject}`,
// passed through unchanged (a context-qualified ":.ctx:name" included).
enum class Permission {
  Unset,          // a descriptor without a permission: the route-table test fails
  Open,           // no authentication at all (/health/*, the UI's own files)
  Authenticated,  // any signed-in user (global reads; listings are filtered after)
  ReadSubject,    // read on the {subject}
  WriteSubject,   // write on the {subject}
  Admin,          // admin on the whole registry: global changes
  ReadSchema,     // any signed-in user who may read one of the subjects using the {id} schema
};

// Whether a route changes the registry. Changes go to the elected writer.
enum class Change { Unset, Reads, Writes };

// Whether a route is answered while the store is still catching up with the log; a read
// then could silently be stale, so only liveness and status questions are.
enum class Readiness { NeedsStore, AnswersBeforeReady };

// What a route's answer means beyond its status, for the layers that act on it.
enum class Answer {
  Plain,
  SubjectListing,  // a JSON array of subjects (or {"subject":...} objects): filtered to what the caller may read
  VisibleOnly,     // counts and pages only what the caller may read (Request::may_read)
  Registration,    // counted as a registration; a 409 as a compatibility failure
  CompatibilityCheck,  // an "is_compatible":false answer counts as a compatibility failure
  MetricsText,     // the Prometheus text: any Accept header is fine
};

// Whether a route's answers are kept, ready to send, for as long as the store has not
// changed (api/response_cache.hpp): the hot reads of serializers.
enum class Caching { None, WhileStoreUnchanged };

struct RouteDescriptor {
  std::string_view method;   // "GET", "POST", "PUT", "DELETE"
  // "/subjects/{subject}/versions/{version}": literals and one {name} per parameter; a last
  // segment "{path...}" takes any number of segments. The pattern is also the metrics label.
  std::string_view pattern;
  Endpoint endpoint = nullptr;
  Permission permission = Permission::Unset;
  Change change = Change::Unset;
  Readiness readiness = Readiness::NeedsStore;
  Answer answer = Answer::Plain;
  bool schema_body = false;  // the body's "schema" is held to schema.max.bytes/.depth before parsing
  Caching caching = Caching::None;

  bool writes() const { return change == Change::Writes; }
};

// A request matched against the table.
struct RouteMatch {
  const RouteDescriptor* route = nullptr;  // nullptr: no route has this method and path
  bool path_known = false;                 // some route has this path with another method: 405
  std::size_t segments = 0;                // the request's segments without trailing empty ones
  std::string label;                       // the metrics label: bounded, never a raw path
  Permission permission = Permission::Authenticated;  // the route's, or the rule for unknown paths
  std::optional<std::string> subject;      // the {subject} segment, as sent
  std::optional<std::size_t> subject_segment;  // its index in the request's segments
  std::optional<std::string> schema_id;    // the {id} segment, as sent

  bool writes() const { return route && route->writes(); }
  bool answers_before_ready() const { return route && route->readiness == Readiness::AnswersBeforeReady; }
  Answer answer() const { return route ? route->answer : Answer::Plain; }
};

// The descriptors, compiled once for matching.
class RouteTable {
 public:
  explicit RouteTable(std::vector<RouteDescriptor> routes);

  RouteMatch match(const Request& request) const;
  const std::vector<RouteDescriptor>& descriptors() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string_view> segments;  // "*" for a parameter
    bool rest = false;                       // the last parameter takes the remaining segments
    std::optional<std::size_t> subject;      // index of {subject}
    std::optional<std::size_t> id;           // index of {id}
  };
  static Compiled compile(std::string_view pattern);
  static std::size_t shared_prefix(const Compiled& c, const std::vector<std::string>& segments, std::size_t count);
  std::string label(std::size_t route, std::size_t shared, std::size_t count) const;

  std::vector<RouteDescriptor> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace accord::api
