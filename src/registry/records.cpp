#include "records.hpp"

namespace accord::registry {

log::Record record_of(const log::Key& key, std::string value) {
  return log::Record{log::encode_key(key), std::move(value), {}};
}

void append_tombstones(const store::StateStore& store, const log::Key& key, std::vector<log::Record>& records) {
  auto variants = store.key_variants(key);
  if (variants.empty()) variants.push_back(log::encode_key(key));
  for (auto& bytes : variants) records.push_back(log::Record{std::move(bytes), std::nullopt, {}});
}

}  // namespace accord::registry
