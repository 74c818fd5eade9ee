#pragma once
// The state of one schema comparison: the JSON path being compared, the differences found
// so far, and (shared by every sub-comparison) the memo of compared schema pairs that keeps
// recursive and heavily cross-referenced schemas from exploding or looping.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "difference.hpp"
#include "schema_node.hpp"

namespace accord::formats::json {

using SchemaPair = std::pair<const Node*, const Node*>;

struct DiffMemo {
  std::map<SchemaPair, std::vector<Difference>> done;
  std::set<SchemaPair> in_progress;
  // Pairs a previous pass found incompatible: a cycle re-entering one reports its real
  // differences instead of assuming the cycle compatible.
  std::map<SchemaPair, std::vector<Difference>> known_incompatible;
  bool assumed_cycle_compatible = false;
};

class DiffContext {
 public:
  explicit DiffContext(std::shared_ptr<DiffMemo> memo) : memo_(std::move(memo)) {}

  // A context at the same path with no differences yet, sharing the memo.
  DiffContext sub() const;
  // A context rooted at "#/" sharing the memo (for pair-relative results).
  DiffContext fresh() const { return DiffContext(memo_); }

  class PathScope {
   public:
    PathScope(DiffContext& ctx, const std::string& segment) : ctx_(ctx) { ctx_.path_.push_back(segment); }
    ~PathScope() { ctx_.path_.pop_back(); }
    PathScope(const PathScope&) = delete;
    PathScope& operator=(const PathScope&) = delete;

   private:
    DiffContext& ctx_;
  };

  void add(const std::string& kind);
  void add(const std::string& attribute, const std::string& kind);
  void add_all(const std::vector<Difference>& differences);
  // Adds differences computed relative to a pair, prefixing them with the current path.
  void add_rebased(const std::vector<Difference>& relative);

  bool compatible() const;
  const std::vector<Difference>& differences() const { return diffs_; }
  DiffMemo& memo() { return *memo_; }

 private:
  std::string path_string() const;

  std::shared_ptr<DiffMemo> memo_;
  std::vector<std::string> path_;
  std::vector<Difference> diffs_;
};

}  // namespace accord::formats::json
