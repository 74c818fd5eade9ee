# The benchmark and fuzz scripts as ctest tests, so CI runs them in the one ctest run whose
# summary closes its output. Both fail only on a crash, a sanitizer report or a wrong
# answer; their timings are printed, never asserted.

# bench/run.sh --quick on this tree's binaries; alone on the machine (RUN_SERIAL) so other
# tests neither disturb its figures nor get disturbed by its load. The table goes to the
# build tree: docs/benchmarks.md holds the figures of a full Release run.
add_test(NAME bench_quick COMMAND ${PROJECT_SOURCE_DIR}/bench/run.sh --quick)
set_tests_properties(bench_quick PROPERTIES
  LABELS smoke RUN_SERIAL TRUE TIMEOUT 600
  ENVIRONMENT "ACCORD_BENCH_BUILD_DIR=${CMAKE_BINARY_DIR};ACCORD_BENCH_OUT=${CMAKE_BINARY_DIR}/bench-quick.md")

# fuzz/run.sh: every libFuzzer target for a few seconds from the committed seeds, in the
# clang tree <build>/fuzz-tree (scripts/test.sh builds it before ctest starts). Needs clang.
find_program(ACCORD_CLANGXX clang++)
set(ACCORD_FUZZ_SMOKE_SECONDS 8 CACHE STRING "Seconds each fuzz target runs in the fuzz_smoke test")
if(ACCORD_CLANGXX)
  add_test(NAME fuzz_smoke COMMAND ${PROJECT_SOURCE_DIR}/fuzz/run.sh ${ACCORD_FUZZ_SMOKE_SECONDS})
  set_tests_properties(fuzz_smoke PROPERTIES
    LABELS smoke TIMEOUT 1800
    ENVIRONMENT "ACCORD_FUZZ_BUILD_DIR=${CMAKE_BINARY_DIR}/fuzz-tree;ACCORD_FUZZ_OUT=${CMAKE_BINARY_DIR}/fuzz-out")
endif()
