#include "diff_context.hpp"

namespace accord::formats::json {

DiffContext DiffContext::sub() const {
  DiffContext ctx(memo_);
  ctx.path_ = path_;
  return ctx;
}

std::string DiffContext::path_string() const {
  std::string out = "#/";
  for (size_t i = 0; i < path_.size(); ++i) {
    if (i) out += "/";
    out += path_[i];
  }
  return out;
}

void DiffContext::add(const std::string& kind) { diffs_.push_back({kind, path_string()}); }

void DiffContext::add(const std::string& attribute, const std::string& kind) {
  PathScope scope(*this, attribute);
  add(kind);
}

void DiffContext::add_all(const std::vector<Difference>& differences) {
  diffs_.insert(diffs_.end(), differences.begin(), differences.end());
}

void DiffContext::add_rebased(const std::vector<Difference>& relative) {
  if (path_.empty()) {
    add_all(relative);
    return;
  }
  const std::string prefix = path_string();
  for (const auto& d : relative) {
    // "#/" is the pair's own root.
    std::string path = d.path.size() <= 2 ? prefix : prefix + "/" + d.path.substr(2);
    diffs_.push_back({d.kind, std::move(path)});
  }
}

bool DiffContext::compatible() const {
  for (const auto& d : diffs_)
    if (!is_compatible_change(d.kind)) return false;
  return true;
}

}  // namespace accord::formats::json
