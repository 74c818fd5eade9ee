#include "schema_diff.hpp"

namespace accord::formats::json {
namespace {

// Follows $ref chains to the schema they end at; a chain that loops stays a reference.
const Node* dereference(const Node* node) {
  const Node* start = node;
  size_t hops = 0;
  while (node->kind == NodeKind::Reference && node->target) {
    node = node->target;
    if (node == start || ++hops > 64) return start;
  }
  return node;
}

bool same_kind(const Node* a, const Node* b) { return a->kind == b->kind; }

// Comparing a single schema with a union (or a product with a single schema): a union
// that has a compatible branch, or a product with a branch compatible on its own, is enough.
bool compare_with_combination(DiffContext& ctx, const Node* original, const Node* update) {
  if (original->kind != NodeKind::Combined && update->kind == NodeKind::Combined) {
    if (update->subschemas.size() == 1) {
      DiffContext sub = ctx.sub();
      compare(sub, original, update->subschemas.front());
      if (sub.compatible()) {
        ctx.add_all(sub.differences());
        return true;
      }
    } else if (update->criterion == Criterion::AnyOf || update->criterion == Criterion::OneOf) {
      for (const Node* branch : update->subschemas) {
        DiffContext sub = ctx.sub();
        compare(sub, original, branch);
        if (sub.compatible()) {
          ctx.add_all(sub.differences());
          ctx.add("SUM_TYPE_EXTENDED");
          return true;
        }
      }
    }
  } else if (original->kind == NodeKind::Combined && update->kind != NodeKind::Combined) {
    if (original->subschemas.size() == 1) {
      DiffContext sub = ctx.sub();
      compare(sub, original->subschemas.front(), update);
      if (sub.compatible()) {
        ctx.add_all(sub.differences());
        return true;
      }
    } else if (original->criterion == Criterion::AllOf) {
      for (const Node* part : original->subschemas) {
        DiffContext sub = ctx.sub();
        compare(sub, part, update);
        if (sub.compatible()) {
          ctx.add_all(sub.differences());
          ctx.add("PRODUCT_TYPE_NARROWED");
          return true;
        }
      }
    }
  }
  return false;
}

void compare_kinds(DiffContext& ctx, const Node* original, const Node* update) {
  if (compare_with_combination(ctx, original, update)) return;
  if (!same_kind(original, update)) {
    // Anything can be read by an empty schema, and a false writer produces no data.
    bool true_vs_empty = original->is_empty_schema() && update->is_empty_schema();
    if (original->kind == NodeKind::False || update->is_empty_schema() || true_vs_empty) return;
    ctx.add("TYPE_CHANGED");
    return;
  }
  if (original->id != update->id) ctx.add("ID_CHANGED");
  if (original->title != update->title) ctx.add("TITLE_CHANGED");
  if (original->description != update->description) ctx.add("DESCRIPTION_CHANGED");
  if (original->default_value != update->default_value) ctx.add("DEFAULT_CHANGED");
  switch (original->kind) {
    case NodeKind::String: compare_strings(ctx, *original, *update); break;
    case NodeKind::Number: compare_numbers(ctx, *original, *update); break;
    case NodeKind::Const: compare_consts(ctx, *original, *update); break;
    case NodeKind::Enum: compare_enums(ctx, *original, *update); break;
    case NodeKind::Combined: compare_combined(ctx, *original, *update); break;
    case NodeKind::Not: compare_nots(ctx, *original, *update); break;
    case NodeKind::Object: compare_objects(ctx, *original, *update); break;
    case NodeKind::Array: compare_arrays(ctx, *original, *update); break;
    default: break;
  }
}

// Compares one pair once: a pair met again while it is being compared is a recursive cycle
// and counts as compatible unless an earlier pass proved it is not.
std::vector<Difference> compare_memoized(DiffContext& ctx, const Node* original, const Node* update) {
  DiffMemo& memo = ctx.memo();
  SchemaPair key{original, update};
  if (auto it = memo.done.find(key); it != memo.done.end()) return it->second;
  if (!memo.in_progress.insert(key).second) {
    if (auto it = memo.known_incompatible.find(key); it != memo.known_incompatible.end()) return it->second;
    memo.assumed_cycle_compatible = true;
    return {};
  }
  DiffContext pair_ctx = ctx.fresh();
  compare_kinds(pair_ctx, original, update);
  memo.in_progress.erase(key);
  memo.done[key] = pair_ctx.differences();
  return pair_ctx.differences();
}

bool any_incompatible(const std::vector<Difference>& differences) {
  for (const auto& d : differences)
    if (!is_compatible_change(d.kind)) return true;
  return false;
}

}  // namespace

void compare(DiffContext& ctx, const Node* original, const Node* update) {
  if (!original && !update) return;
  if (!original) {
    ctx.add("SCHEMA_ADDED");
    return;
  }
  if (!update) {
    ctx.add("SCHEMA_REMOVED");
    return;
  }
  ctx.add_rebased(compare_memoized(ctx, dereference(original), dereference(update)));
}

std::vector<Difference> compare_schemas(const Node* original, const Node* update) {
  std::map<SchemaPair, std::vector<Difference>> seed;
  // Repeat until the pairs known to be incompatible stop growing, so that a cycle assumed
  // compatible in one pass cannot hide a break another branch proved.
  while (true) {
    auto memo = std::make_shared<DiffMemo>();
    memo->known_incompatible = seed;
    DiffContext ctx(memo);
    compare(ctx, original, update);
    std::map<SchemaPair, std::vector<Difference>> incompatible;
    for (const auto& [pair, diffs] : memo->done)
      if (any_incompatible(diffs)) incompatible[pair] = diffs;
    bool same = incompatible.size() == seed.size();
    if (same)
      for (const auto& [pair, _] : incompatible)
        if (!seed.count(pair)) same = false;
    if (!memo->assumed_cycle_compatible || same) return ctx.differences();
    seed = std::move(incompatible);
  }
}

}  // namespace accord::formats::json
