#pragma once
// The media types of the Schema Registry API (shared/docs/rest-api.md §1.1) and the two
// decisions made on them: which request bodies are accepted, which response type is chosen.
#include <optional>
#include <string_view>

namespace accord::http {

inline constexpr std::string_view kSchemaRegistryV1Json = "application/vnd.schemaregistry.v1+json";
inline constexpr std::string_view kSchemaRegistryJson = "application/vnd.schemaregistry+json";
inline constexpr std::string_view kJson = "application/json";
inline constexpr std::string_view kOctetStream = "application/octet-stream";

// The response Content-Type for an Accept header value: the server types weigh v1+json 1.0,
// +json 0.9, json 0.5; the client's q-value decides first, the server weight breaks ties
// (JAX-RS order). Empty Accept -> v1+json. nullopt when nothing acceptable matches (406).
std::optional<std::string_view> negotiate_response_type(std::string_view accept);

// Whether a request body of this Content-Type is accepted (parameters such as charset are
// ignored; an empty value counts as absent and is accepted).
bool is_accepted_request_type(std::string_view content_type);

}  // namespace accord::http
