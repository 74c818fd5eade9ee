#pragma once
// Confluent's context URL prefix [7.0+]: a client whose base URL ends in `/contexts/.team-a`
// (for example `schema.registry.url=http://registry:8081/contexts/.team-a`) addresses every
// subject, config and mode of that context without qualifying names itself. Confluent
// rewrites such a request before it is routed (its ContextFilter); so does Accord, before
// authentication, authorization and routing see it, so that they all see the qualified
// subject `:.team-a:orders-value`.
#include "accord/api/request.hpp"
#include "accord/model/error.hpp"

namespace accord::api {

// Rewrites `/contexts/{ctx}/<rest>` into `<rest>` with the context applied: the segment
// after every `subjects` and after a leading `config` / `mode` is qualified (unless it
// already names a context, `:.x:` or `:*:`); a bare `/contexts/{ctx}/config` or `/mode`
// becomes the context's own `/config/:.ctx:`; `subject` on `/schemas/ids/...` and
// `subjectPrefix` on `/schemas` and `/subjects` are qualified the same way. Other paths,
// `/contexts` and `/contexts/{ctx}` themselves, are left as they are. A context name with a
// colon is a 400, as in Confluent.
Status apply_context_url(Request& request);

}  // namespace accord::api
