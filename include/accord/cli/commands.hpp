#pragma once
// The `accord` subcommands; main.cpp parses flags into a Config and dispatches here.
#include "accord/cli/config.hpp"

namespace accord::cli {

// Runs a node until SIGINT/SIGTERM. Returns the process exit code.
int serve(const Config& config);
// Wipes the local store and rebuilds it from offset 0 of the log, then exits.
int replay(const Config& config);

}  // namespace accord::cli
