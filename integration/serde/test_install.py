"""The serde library as another CMake project uses it: `cmake --install --component serde`
into a temporary prefix, then a small project with find_package(Accord) builds against
Accord::serde and runs (wire format, an Avro schema through avro-c, a registry client)."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import harness  # noqa: E402

CONSUMER_CMAKE = """cmake_minimum_required(VERSION 3.22)
project(accord_consumer LANGUAGES C CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(Accord 0.1 REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE Accord::serde)
"""

CONSUMER_MAIN = r"""#include <cstdio>

#include <accord/serde/avro.hpp>
#include <accord/serde/registry_client.hpp>
#include <accord/serde/wire_format.hpp>

using namespace accord::serde;

int main() {
  Bytes framed;
  append_header(framed, accord::SchemaId{42});
  framed.push_back(7);
  auto header = read_header(framed);
  if (!header || header->schema_id != 42 || header->rest.size() != 1) return 1;
  if (read_header(Bytes{1, 0, 0, 0, 1})) return 2;  // wrong magic byte must be refused
  auto schema = AvroSchema::parse(R"({"type":"record","name":"E","fields":[{"name":"a","type":"long"}]})");
  if (!schema) return 3;
  RegistryClientConfig config;
  config.urls = {"http://127.0.0.1:1"};
  RegistryClient client(config);
  std::puts("consumer ok");
  return 0;
}
"""


class InstallTest(unittest.TestCase):
    def test_find_package_and_link_against_the_installed_serde(self):
        for tool in ("cmake", "ninja"):
            if not shutil.which(tool):
                self.skipTest("%s is not installed" % tool)
        build_tree = os.path.dirname(os.path.dirname(os.path.dirname(harness.ACCORD)))
        self.assertTrue(os.path.exists(os.path.join(build_tree, "CMakeCache.txt")), build_tree)
        work = tempfile.mkdtemp(prefix="accord-install-")
        self.addCleanup(shutil.rmtree, work, True)
        prefix = os.path.join(work, "prefix")

        def run(args, **kw):
            proc = subprocess.run(args, capture_output=True, text=True, timeout=600, **kw)
            self.assertEqual(proc.returncode, 0, "%s\n%s\n%s" % (" ".join(args), proc.stdout[-3000:], proc.stderr[-3000:]))
            return proc.stdout

        run(["cmake", "--install", build_tree, "--prefix", prefix, "--component", "serde"])
        self.assertTrue(os.path.exists(os.path.join(prefix, "include", "accord", "serde", "wire_format.hpp")))

        source = os.path.join(work, "consumer")
        os.makedirs(source)
        with open(os.path.join(source, "CMakeLists.txt"), "w") as f:
            f.write(CONSUMER_CMAKE)
        with open(os.path.join(source, "main.cpp"), "w") as f:
            f.write(CONSUMER_MAIN)
        build = os.path.join(work, "consumer-build")
        run(["cmake", "-S", source, "-B", build, "-G", "Ninja", "-DCMAKE_PREFIX_PATH=" + prefix,
             "-DCMAKE_BUILD_TYPE=Release"])
        run(["cmake", "--build", build])
        self.assertIn("consumer ok", run([os.path.join(build, "consumer")]))


if __name__ == "__main__":
    harness.main()
