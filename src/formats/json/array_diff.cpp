// Arrays: one schema for all items, or a tuple whose trailing items follow the same
// open / closed / partially open content model rules as object properties.
#include "schema_diff.hpp"

namespace accord::formats::json {
namespace {

bool additional_items_absent(const Node& n) { return n.permits_additional_items && !n.additional_items; }

bool is_open_content_model(const Node& n) {
  if (!additional_items_absent(n)) return false;
  return !n.unevaluated_items || n.unevaluated_items->is_empty_schema();
}

const Node* partially_open_schema(const Node& n) {
  if (n.additional_items) return n.additional_items;
  if (additional_items_absent(n) && n.unevaluated_items && n.unevaluated_items->kind != NodeKind::False &&
      !n.unevaluated_items->is_empty_schema())
    return n.unevaluated_items;
  return nullptr;
}

void item_removed(DiffContext& ctx, const Node& update, const Node* was) {
  if (is_open_content_model(update)) {
    ctx.add("ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL");
  } else if (const Node* partial = partially_open_schema(update)) {
    DiffContext sub = ctx.sub();
    compare(sub, was, partial);
    ctx.add_all(sub.differences());
    ctx.add(sub.compatible() ? "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
                             : "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
  } else {
    ctx.add(was->kind == NodeKind::False ? "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL"
                                         : "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL");
  }
}

void item_added(DiffContext& ctx, const Node& original, const Node* added) {
  if (is_open_content_model(original)) {
    ctx.add(added->is_empty_schema() ? "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"
                                     : "ITEM_ADDED_TO_OPEN_CONTENT_MODEL");
  } else if (const Node* partial = partially_open_schema(original)) {
    DiffContext sub = ctx.sub();
    compare(sub, partial, added);
    ctx.add_all(sub.differences());
    ctx.add(sub.compatible() ? "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
                             : "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
  } else {
    ctx.add("ITEM_ADDED_TO_CLOSED_CONTENT_MODEL");
  }
}

void compare_tuples(DiffContext& ctx, const Node& original, const Node& update) {
  const auto& was = original.item_schemas;
  const auto& now = update.item_schemas;
  size_t common = std::min(was.size(), now.size());
  for (size_t i = 0; i < std::max(was.size(), now.size()); ++i) {
    DiffContext::PathScope scope(ctx, "items/" + std::to_string(i));
    if (i < common) compare(ctx, was[i], now[i]);
    else if (i < was.size()) item_removed(ctx, update, was[i]);
    else item_added(ctx, original, now[i]);
  }
}

void compare_additional_items(DiffContext& ctx, const Node& original, const Node& update) {
  DiffContext::PathScope scope(ctx, "additionalItems");
  if (original.permits_additional_items != update.permits_additional_items)
    ctx.add(original.permits_additional_items ? "ADDITIONAL_ITEMS_REMOVED" : "ADDITIONAL_ITEMS_ADDED");
  else if (!original.additional_items && update.additional_items) ctx.add("ADDITIONAL_ITEMS_NARROWED");
  else if (original.additional_items && !update.additional_items) ctx.add("ADDITIONAL_ITEMS_EXTENDED");
  else compare(ctx, original.additional_items, update.additional_items);
}

void compare_count(DiffContext& ctx, const char* keyword, const std::string& prefix, const std::optional<int64_t>& o,
                   const std::optional<int64_t>& u) {
  if (o == u) return;
  if (!o) ctx.add(keyword, prefix + "_ADDED");
  else if (!u) ctx.add(keyword, prefix + "_REMOVED");
  else ctx.add(keyword, prefix + (*o < *u ? "_INCREASED" : "_DECREASED"));
}

}  // namespace

void compare_arrays(DiffContext& ctx, const Node& original, const Node& update) {
  {
    DiffContext::PathScope scope(ctx, "items");
    compare(ctx, original.all_items, update.all_items);
  }
  compare_tuples(ctx, original, update);
  compare_additional_items(ctx, original, update);
  compare_unevaluated(ctx, "unevaluatedItems", "UNEVALUATED_ITEMS", original.unevaluated_items,
                      update.unevaluated_items);
  compare_count(ctx, "maxItems", "MAX_ITEMS", original.max_items, update.max_items);
  compare_count(ctx, "minItems", "MIN_ITEMS", original.min_items, update.min_items);
  if (original.unique_items != update.unique_items)
    ctx.add("uniqueItems", original.unique_items ? "UNIQUE_ITEMS_REMOVED" : "UNIQUE_ITEMS_ADDED");
  compare_count(ctx, "maxContains", "MAX_CONTAINS", original.max_contains, update.max_contains);
  compare_count(ctx, "minContains", "MIN_CONTAINS", original.min_contains, update.min_contains);
}

}  // namespace accord::formats::json
