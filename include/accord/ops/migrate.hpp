#pragma once
// `accord migrate`: copy a live registry speaking the Confluent API into an Accord node
// through REST, keeping every id and version (IMPORT mode). Idempotent: what the target
// already holds identically is skipped, so an interrupted run is simply run again.
// Conflicts (an id or a version bound to something else on the target) are all found
// before anything is written, and stop the run.
#include <string>
#include <vector>

#include "accord/ops/compare.hpp"
#include "accord/ops/registry_state.hpp"

namespace accord::ops {

struct MigrateOptions {
  bool dry_run = false;  // plan and report, write nothing
};

struct MigrateReport {
  uint64_t versions = 0;      // in the source
  uint64_t imported = 0;      // versions written (or, dry run, to write)
  uint64_t skipped = 0;       // already on the target
  uint64_t soft_deleted = 0;  // soft deletes applied
  uint64_t settings = 0;      // configs and modes written
  std::vector<std::string> conflicts;
  std::vector<std::string> notes;
  std::optional<Comparison> comparison;  // source vs target after the run (not on dry runs)
  bool ok() const { return conflicts.empty() && (!comparison || comparison->equal()); }
};

// A failure of the registries themselves (unreachable, refused a write) is an error; a
// conflict is reported in the report, with nothing written.
Result<MigrateReport, RestError> migrate(RestRegistry& from, RestRegistry& to, const MigrateOptions& options,
                                         const ProgressFn& progress = {});

}  // namespace accord::ops
