#pragma once
// `accord check`: the contract gate a team runs in CI (see docs/check.md).
namespace accord::cli {
// argv[0] is "check"; returns the process exit code (0 only when every check holds).
int run_check(int argc, char** argv);
}  // namespace accord::cli
