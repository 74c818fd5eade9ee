#pragma once
// Compatibility of two JSON Schemas the way Confluent's SchemaDiff judges it: compare the
// registered schema (`original`, the writer) with the new one (`update`, the reader) and list
// every difference; the update can read data valid under the original when every difference
// is a compatible change (difference.hpp).
#include <string>
#include <vector>

#include "diff_context.hpp"
#include "difference.hpp"
#include "schema_node.hpp"

namespace accord::formats::json {

std::vector<Difference> compare_schemas(const Node* original, const Node* update);

// The recursion hub every per-kind comparison goes back through. nullptr = absent.
void compare(DiffContext& ctx, const Node* original, const Node* update);

// Per-kind comparisons, called by compare() once both sides are of the same kind.
void compare_strings(DiffContext& ctx, const Node& original, const Node& update);
void compare_numbers(DiffContext& ctx, const Node& original, const Node& update);
void compare_enums(DiffContext& ctx, const Node& original, const Node& update);
void compare_consts(DiffContext& ctx, const Node& original, const Node& update);
void compare_nots(DiffContext& ctx, const Node& original, const Node& update);
void compare_objects(DiffContext& ctx, const Node& original, const Node& update);
void compare_arrays(DiffContext& ctx, const Node& original, const Node& update);
void compare_combined(DiffContext& ctx, const Node& original, const Node& update);

// unevaluatedProperties / unevaluatedItems (2019-09+): absent, false, true/{} or a schema.
void compare_unevaluated(DiffContext& ctx, const char* keyword, const std::string& kind_prefix, const Node* original,
                         const Node* update);

}  // namespace accord::formats::json
