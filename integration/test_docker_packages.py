#!/usr/bin/python3
"""The Docker image gets every package it needs, checked without Docker against this
machine's Debian packages (the image is Debian bookworm too) and scripts/debian-packages.txt,
the list both Dockerfile stages install from (scripts/packages.sh build / runtime):

* runtime stage: every shared library the built `accord` loads (ldd) belongs to a package
  the image installs: a `runtime` package, one of their dependencies (apt installs those), or
  the base image (debian:bookworm-slim: the essential and required packages and apt); and
  every library `accord` links directly (DT_NEEDED) is in the runtime list itself or in the
  base image, so the list does not depend on another package's dependencies by chance;
* build stage: configured as the Dockerfile does (`-DACCORD_BUILD_TESTS=OFF`, a fresh
  tree), every file or directory CMake found (find_package, pkg_check_modules, find_library,
  find_program and the toolchain, from the CMakeCache) belongs to a `build` package or one of
  its dependencies, and every find_* call of the CMakeLists.txt files it reads has a result in
  that cache; every header the objects of `accord` include (ninja's dependency log of this
  build tree) belongs to a `build` package or one of its dependencies too (header-only
  libraries such as valijson have no find_* call).
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import harness

REPO = harness.REPO
PACKAGES_SH = os.path.join(REPO, "scripts", "packages.sh")
# find_* calls in files the Docker build does not configure (ACCORD_BUILD_TESTS=OFF, no fuzz).
TEST_ONLY = ("tests/", "integration/", "fuzz/", "cmake/AccordSmokeTests.cmake")
# find_package() names that find no file (a compiler feature), or whose result CMake keeps
# under another name.
NO_FILE = {"Threads"}


def packages(*roles):
    out = subprocess.run([PACKAGES_SH] + list(roles), capture_output=True, text=True, check=True).stdout
    return set(out.split())


class Dpkg:
    """Installed packages: which owns a path, and what each one depends on."""

    def __init__(self):
        self.owners = {}
        for listing in glob.glob("/var/lib/dpkg/info/*.list"):
            package = os.path.basename(listing)[:-len(".list")].split(":")[0]
            with open(listing, encoding="utf-8", errors="replace") as f:
                for line in f:
                    self.owners.setdefault(line.rstrip("\n"), set()).add(package)
        fields = "${Package}\\t${Pre-Depends}\\t${Depends}\\t${Provides}\\t${Essential}\\t${Priority}\\t${db:Status-Status}\\n"
        out = subprocess.run(["dpkg-query", "-W", "-f=" + fields], capture_output=True, text=True, check=True).stdout
        self.depends, self.providers, self.installed, self.base_seed = {}, {}, set(), {"apt"}
        for line in out.splitlines():
            name, pre, deps, provides, essential, priority, status = (line.split("\t") + [""] * 7)[:7]
            if status != "installed":
                continue
            self.installed.add(name)
            self.depends[name] = [self._names(group) for group in (pre + "," + deps).split(",") if group.strip()]
            for virtual in provides.split(","):
                if virtual.strip():
                    self.providers.setdefault(virtual.split()[0].strip(), set()).add(name)
            if essential == "yes" or priority == "required":
                self.base_seed.add(name)

    @staticmethod
    def _names(group):
        return [alt.split()[0].split(":")[0] for alt in group.split("|") if alt.strip()]

    def closure(self, seeds):
        """The seeds and everything apt installs with them (installed alternatives only)."""
        seen, todo = set(), [s for s in seeds]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            for group in self.depends.get(name, []):
                for alt in group:
                    for real in ({alt} if alt in self.installed else set()) | self.providers.get(alt, set()):
                        if real not in seen:
                            todo.append(real)
        return seen

    def owner(self, path):
        """The packages owning path (tried as given, resolved, and across the /usr merge)."""
        candidates = [path, os.path.realpath(path)]
        for p in list(candidates):
            if p.startswith("/usr/lib/") or p.startswith("/usr/bin/") or p.startswith("/usr/sbin/"):
                candidates.append(p[len("/usr"):])
            elif p.startswith(("/lib/", "/lib64/", "/bin/", "/sbin/")):
                candidates.append("/usr" + p)
        for p in candidates:
            if p in self.owners:
                return self.owners[p]
        return set()


class DockerPackages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which("dpkg-query") is None:
            raise unittest.SkipTest("not a Debian system (no dpkg-query): the package lists cannot be checked")
        cls.dpkg = Dpkg()
        cls.runtime = packages("runtime")
        cls.build = packages("build")
        cls.base = cls.dpkg.closure(cls.dpkg.base_seed)
        cls.build_dir = os.path.dirname(os.path.dirname(os.path.dirname(harness.ACCORD)))

    def assertNoGaps(self, gaps, what):
        self.assertEqual(gaps, [], "%s; add the package with its role to scripts/debian-packages.txt" % what)

    def test_lists_name_installed_packages(self):
        missing = sorted((self.runtime | self.build) - self.dpkg.installed)
        self.assertEqual(missing, [], "listed but not installed here, so not checkable: run scripts/setup.sh")

    def test_runtime_image_has_every_library_accord_loads(self):
        ldd = subprocess.run(["ldd", harness.ACCORD], capture_output=True, text=True, check=True).stdout
        loaded = {}
        for line in ldd.splitlines():
            m = re.match(r"\s*(\S+)\s+=>\s+(\S+)", line) or re.match(r"\s*(/\S+)\s+\(", line)
            if m:
                soname, path = (m.group(1), m.group(2)) if m.lastindex == 2 else (os.path.basename(m.group(1)), m.group(1))
                self.assertNotEqual(path, "not", "ldd: %s not found" % soname)
                loaded[soname] = path
        self.assertIn("librdkafka.so.1", loaded, "ldd output not understood:\n" + ldd)
        installed = self.dpkg.closure(self.runtime) | self.base
        gaps = []
        for soname, path in sorted(loaded.items()):
            owners = self.dpkg.owner(path)
            if not owners & installed:
                gaps.append("%s (%s) from %s" % (soname, path, ", ".join(sorted(owners)) or "no package"))
        self.assertNoGaps(gaps, "libraries accord loads that the runtime image does not install")

        dynamic = subprocess.run(["readelf", "-d", harness.ACCORD], capture_output=True, text=True, check=True).stdout
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic)
        self.assertIn("librdkafka.so.1", needed)
        gaps = []
        for soname in needed:
            owners = self.dpkg.owner(loaded[soname])
            if not owners & (self.runtime | self.base):
                gaps.append("%s from %s" % (soname, ", ".join(sorted(owners)) or "no package"))
        self.assertNoGaps(gaps, "libraries accord links directly that are not in the runtime list")

    def test_build_stage_has_everything_cmake_finds(self):
        installed = self.dpkg.closure(self.build)
        with tempfile.TemporaryDirectory(prefix="accord-docker-configure-") as tree:
            # The Dockerfile's configure step, on a fresh tree.
            configure = subprocess.run(
                ["cmake", "-S", REPO, "-B", tree, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
                 "-DACCORD_BUILD_TESTS=OFF"], capture_output=True, text=True, timeout=240)
            self.assertEqual(configure.returncode, 0, configure.stdout + configure.stderr)
            with open(os.path.join(tree, "CMakeCache.txt"), encoding="utf-8") as f:
                entries = re.findall(r"^([A-Za-z0-9_.+-]+):([A-Z]+)=(.*)$", f.read(), re.M)
        found = {k: v for k, kind, v in entries if kind in ("FILEPATH", "PATH") and v.startswith("/") and os.path.exists(v)}
        cached = {k for k, _, _ in entries}
        gaps = []
        for key, path in sorted(found.items()):
            if path.startswith(("/usr/local", REPO, tempfile.gettempdir())):
                continue
            owners = self.dpkg.owner(path)
            if not owners & installed:
                gaps.append("%s=%s from %s" % (key, path, ", ".join(sorted(owners)) or "no package"))
        self.assertNoGaps(gaps, "found by CMake but not installed by the build stage")

        unresolved = []
        for call, name, where in self.find_calls():
            if call == "find_package" and name in NO_FILE:
                continue
            if call != "find_package" and call != "pkg_check_modules" and name not in cached:
                continue  # a fallback that did not run in this configuration (RocksDB without its CMake config)
            if not self.cache_has(call, name, found):
                unresolved.append("%s(%s) in %s" % (call, name, where))
        self.assertEqual(unresolved, [], "find_* calls without a found path in the CMakeCache: the test "
                                         "cannot tell which package they need")

    def test_build_stage_has_every_header_accord_includes(self):
        ninja = shutil.which("ninja") or shutil.which("ninja-build")
        if not os.path.isfile(os.path.join(self.build_dir, "build.ninja")) or ninja is None:
            self.skipTest("the build tree %s is not a Ninja tree" % self.build_dir)
        deps = subprocess.run([ninja, "-C", self.build_dir, "-t", "deps"], capture_output=True, text=True,
                              check=True).stdout
        headers, current = set(), None
        for line in deps.splitlines():
            if line and not line.startswith(" "):
                current = line.split(":")[0]
            elif current and current.startswith("src/") and line.strip().startswith("/usr/"):
                headers.add(line.strip())
        self.assertGreater(len(headers), 0, "no dependency information for src/ in %s" % self.build_dir)
        installed = self.dpkg.closure(self.build)
        gaps = sorted({"%s from %s" % (h, ", ".join(sorted(self.dpkg.owner(h))) or "no package")
                       for h in headers if not self.dpkg.owner(h) & installed})
        self.assertNoGaps(gaps, "headers accord includes that the build stage does not install")

    # -- find_* calls in the CMake files the Docker build configures

    @staticmethod
    def find_calls():
        files = [os.path.join(REPO, "CMakeLists.txt")] + \
            glob.glob(os.path.join(REPO, "src", "**", "CMakeLists.txt"), recursive=True) + \
            glob.glob(os.path.join(REPO, "cmake", "*.cmake"))
        calls = []
        for path in sorted(files):
            where = os.path.relpath(path, REPO)
            if where.startswith(TEST_ONLY):
                continue
            with open(path, encoding="utf-8") as f:
                text = re.sub(r"#[^\n]*", "", f.read())
            for call, args in re.findall(r"\b(find_package|pkg_check_modules|find_library|find_path|find_program)\s*\(([^)]*)\)", text):
                name = args.split()[0]
                calls.append((call, name, where))
        return calls

    @staticmethod
    def cache_has(call, name, found):
        if call in ("find_library", "find_path", "find_program"):
            return name in found
        if call == "pkg_check_modules":
            return any(k.startswith("pkgcfg_lib_%s_" % name) for k in found)
        if name == "PkgConfig":
            return "PKG_CONFIG_EXECUTABLE" in found
        prefixes = {name + "_", name.upper() + "_", name.lower() + "_"}
        return any(k.startswith(tuple(prefixes)) for k in found)


if __name__ == "__main__":
    harness.main()
