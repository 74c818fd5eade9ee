#pragma once
// `accord backup`, `restore`, `migrate`, `compare` (docs/operations.md). argv[0] is the
// command name; each returns the process exit code: 0 done (compare: registries agree),
// 1 failed or differences found, 2 usage error.
namespace accord::cli {
int run_backup(int argc, char** argv);
int run_restore(int argc, char** argv);
int run_migrate(int argc, char** argv);
int run_compare(int argc, char** argv);
}  // namespace accord::cli
