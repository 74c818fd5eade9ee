#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the benchmarks need (only when
# something is missing) and the integration tests' npm packages (integration/npm, when node
# is there), then configures and builds Accord with CMake + Ninja.
#
#   ./scripts/setup.sh                      # packages + build into ./build
#   ACCORD_BUILD_DIR=build-x ./scripts/setup.sh
#   ACCORD_SKIP_BUILD=1 ./scripts/setup.sh  # packages only
#   ACCORD_JOBS=2 ./scripts/setup.sh        # parallel build jobs (default: nproc)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${ACCORD_BUILD_DIR:-$repo/build}"
case "$build_dir" in /*) ;; *) build_dir="$repo/$build_dir" ;; esac
build_type="${ACCORD_BUILD_TYPE:-RelWithDebInfo}"
jobs="${ACCORD_JOBS:-$(nproc)}"

# The one package list, shared with the Dockerfile (scripts/debian-packages.txt).
mapfile -t packages < <("$repo/scripts/packages.sh" build dev)

missing=()
for p in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#packages[@]} Debian packages already installed"
fi

# The npm packages of the integration tests (integration/npm: the official Confluent JavaScript
# client), exactly as pinned in its package-lock.json. `npm ci` runs only when node_modules is
# missing or was installed from another lock, so a second run needs no network.
npm_dir="$repo/integration/npm"
npm_stamp="$npm_dir/node_modules/.accord-lock.sha256"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: node/npm not found: the npm client test (it_npm_client) will be skipped"
elif [ "$(cat "$npm_stamp" 2>/dev/null)" = "$(sha256sum < "$npm_dir/package-lock.json")" ]; then
  echo "setup: npm packages of integration/npm already installed"
else
  echo "setup: installing the npm packages of integration/npm (npm ci)"
  (cd "$npm_dir" && npm ci --no-audit --no-fund)
  sha256sum < "$npm_dir/package-lock.json" > "$npm_stamp"
fi

if [ -n "${ACCORD_SKIP_BUILD:-}" ]; then
  exit 0
fi

echo "setup: configuring $build_dir ($build_type)"
generator=(-G Ninja)
# An existing build directory keeps the generator it was configured with.
[ -f "$build_dir/CMakeCache.txt" ] && generator=()
cmake -S "$repo" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type"
echo "setup: building with -j$jobs"
cmake --build "$build_dir" -j "$jobs"
echo "setup: done; start a node with: $build_dir/src/cli/accord serve"
