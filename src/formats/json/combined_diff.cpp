// allOf / anyOf / oneOf against each other: the criterion change, the growth or shrink of
// the branch list, and a one-to-one pairing of compatible branches.
#include <functional>
#include <map>

#include "schema_diff.hpp"

namespace accord::formats::json {
namespace {

// Branches with the same text are one branch.
std::vector<const Node*> distinct(const std::vector<const Node*>& branches) {
  std::vector<const Node*> out;
  for (const Node* b : branches) {
    bool seen = false;
    for (const Node* o : out) seen = seen || o->source == b->source;
    if (!seen) out.push_back(b);
  }
  return out;
}

bool singleton(const Node& n) { return n.subschemas.size() == 1; }

// Returns false when the criteria differ in a way no reader can absorb.
bool compare_criteria(DiffContext& ctx, const Node& original, const Node& update) {
  if (original.criterion == update.criterion) return true;
  bool extended = update.criterion == Criterion::AnyOf || (singleton(original) && singleton(update)) ||
                  (singleton(original) && update.criterion == Criterion::OneOf) ||
                  (singleton(update) && original.criterion == Criterion::AllOf);
  ctx.add(extended ? "COMBINED_TYPE_EXTENDED" : "COMBINED_TYPE_CHANGED");
  return extended;
}

// Maximum bipartite matching (augmenting paths) over the compatible pairs.
struct Matching {
  std::vector<std::vector<size_t>> edges;  // original index -> update indexes
  std::vector<int> match_of_update;

  bool augment(size_t o, std::vector<bool>& visited) {
    for (size_t u : edges[o]) {
      if (visited[u]) continue;
      visited[u] = true;
      if (match_of_update[u] < 0 || augment(static_cast<size_t>(match_of_update[u]), visited)) {
        match_of_update[u] = static_cast<int>(o);
        return true;
      }
    }
    return false;
  }
};

}  // namespace

void compare_combined(DiffContext& ctx, const Node& original, const Node& update) {
  if (!compare_criteria(ctx, original, update)) return;
  auto was = distinct(original.subschemas);
  auto now = distinct(update.subschemas);
  if (was.size() < now.size())
    ctx.add(update.criterion == Criterion::AllOf ? "PRODUCT_TYPE_EXTENDED" : "SUM_TYPE_EXTENDED");
  else if (was.size() > now.size())
    ctx.add(original.criterion == Criterion::AllOf ? "PRODUCT_TYPE_NARROWED" : "SUM_TYPE_NARROWED");

  Matching matching;
  matching.edges.resize(was.size());
  matching.match_of_update.assign(now.size(), -1);
  std::map<std::pair<size_t, size_t>, std::vector<Difference>> edge_differences;
  for (size_t i = 0; i < was.size(); ++i) {
    DiffContext::PathScope scope(ctx, std::string(to_string(original.criterion)) + "/" + std::to_string(i));
    for (size_t j = 0; j < now.size(); ++j) {
      DiffContext sub = ctx.sub();
      compare(sub, was[i], now[j]);
      if (sub.compatible()) {
        matching.edges[i].push_back(j);
        edge_differences[{i, j}] = sub.differences();
      }
    }
  }
  size_t matched = 0;
  for (size_t i = 0; i < was.size(); ++i) {
    std::vector<bool> visited(now.size(), false);
    if (matching.augment(i, visited)) ++matched;
  }
  for (size_t j = 0; j < now.size(); ++j)
    if (matching.match_of_update[j] >= 0)
      ctx.add_all(edge_differences[{static_cast<size_t>(matching.match_of_update[j]), j}]);
  if (matched < std::min(was.size(), now.size())) ctx.add("COMBINED_TYPE_SUBSCHEMAS_CHANGED");
}

}  // namespace accord::formats::json
