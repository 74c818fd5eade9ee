#pragma once
#include <memory>
#include <string_view>

#include "accord/formats/format.hpp"
#include "accord/model/error.hpp"

namespace accord::formats {
std::unique_ptr<Format> make_json_format();

// Checks a JSON document (text) against a schema produced by the JSON format's parse().
// Ok when it conforms; otherwise an Unprocessable error whose message names the JSON pointer
// of the failing location in the document ("/items/0/name"). BadRequest when the text is not
// JSON; InvalidSchema when `schema` is not a JSON Schema.
Status validate_instance(const ParsedSchema& schema, std::string_view json_document);
}  // namespace accord::formats
