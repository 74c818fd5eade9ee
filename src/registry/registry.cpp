#include "accord/registry/registry.hpp"

namespace accord::registry {

Registry::Registry(store::StateStore& store, cluster::Writer& writer, RegistryOptions options)
    : store_(store), writer_(writer), options_(options), parsed_(store, options.parsed_cache_bytes) {}

}  // namespace accord::registry
