#pragma once
// A RegistryClient over the in-memory FakeRegistry, shared by the serde tests.
#include <memory>

#include "accord/serde/registry_client.hpp"
#include "fake_registry.hpp"

namespace accord::serde::testing {

inline std::shared_ptr<RegistryClient> fake_client(FakeRegistry** fake_out = nullptr) {
  auto transport = std::make_unique<FakeRegistry>();
  if (fake_out) *fake_out = transport.get();
  RegistryClientConfig config;
  config.urls = {"http://fake"};
  return std::make_shared<RegistryClient>(config, std::move(transport));
}

}  // namespace accord::serde::testing
