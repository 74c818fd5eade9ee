#pragma once
// A node without sockets: the embedded log, the store, the reader applying the one to the
// other and the writer, on a directory (the unit tests of api/ and registry/).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>

#include "accord/cluster/log_reader.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/log/local_log.hpp"
#include "accord/store/state_store.hpp"

namespace accord::testing {

struct EmbeddedNode {
  std::unique_ptr<log::SchemaLog> log;
  std::unique_ptr<store::StateStore> store;
  std::unique_ptr<cluster::LogReader> reader;
  std::unique_ptr<cluster::LogWriter> writer;

  // Opens the node on `dir` (again, after close(): a restart); a part that does not open
  // fails the test.
  void open(const std::filesystem::path& dir) {
    auto opened_log = log::open_local_log(dir / "log");
    ASSERT_TRUE(opened_log.ok()) << opened_log.error().message;
    log = std::move(opened_log).value();
    auto opened_store = store::StateStore::open(dir / "store");
    ASSERT_TRUE(opened_store.ok()) << opened_store.error().message;
    store = std::move(opened_store).value();
    reader = std::make_unique<cluster::LogReader>(*log, *store);
    ASSERT_TRUE(reader->start().ok());
    cluster::WriterOptions options;
    options.timeout = std::chrono::seconds(10);
    writer = std::make_unique<cluster::LogWriter>(*log, *store, options);
  }

  void close() {
    writer.reset();
    reader.reset();
    store.reset();
    log.reset();
  }
};

}  // namespace accord::testing
