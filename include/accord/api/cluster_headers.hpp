#pragma once
// The HTTP headers the nodes of one cluster exchange, named once: a follower sends a write
// on with kForwarded, the writer answers it with the offset it applied and its own URL.
// Header names compare case-insensitively; api::Request keeps them lower-cased, so
// requests are read with the k...Lower forms.
#include <string_view>

namespace accord::api {

inline constexpr std::string_view kForwardedHeader = "X-Forward";       // "true" on a forwarded write
inline constexpr std::string_view kForwardedHeaderLower = "x-forward";
inline constexpr std::string_view kOffsetHeader = "X-Accord-Offset";    // the log offset the writer applied
inline constexpr std::string_view kWriterHeader = "X-Accord-Writer";    // which node wrote: for operators and tests

}  // namespace accord::api
