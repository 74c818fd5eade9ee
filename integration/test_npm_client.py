#!/usr/bin/python3
"""The official Confluent JavaScript client, `@confluentinc/schemaregistry` (pinned in
integration/npm/package-lock.json, installed by scripts/setup.sh), against a live node: its
Avro, JSON Schema and Protobuf serializers and deserializers round-trip messages, with the
schema registered by the client itself, with a reference to another subject, and with
`useLatestVersion` (integration/npm/roundtrip.mjs does the work; one test case here per case
there). Skipped only when node is not installed; a missing node_modules is a failure that
names the command to run."""
import json
import os
import shutil
import subprocess
import unittest

import harness
from harness import Node

NPM_DIR = os.path.join(harness.HERE, "npm")
CASES = ("avro_auto_register", "avro_reference", "avro_use_latest",
         "json_auto_register", "json_reference", "json_use_latest",
         "protobuf_auto_register", "protobuf_reference", "protobuf_use_latest")


def node_binary():
    return shutil.which("node")


class NpmClient(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if node_binary() is None:
            raise unittest.SkipTest("node is not installed (the npm client tests need node >= 18 and npm)")
        client = os.path.join(NPM_DIR, "node_modules", "@confluentinc", "schemaregistry", "package.json")
        if not os.path.isfile(client):
            raise AssertionError("%s is missing: run scripts/setup.sh (or `npm ci` in %s)" % (client, NPM_DIR))
        cls.node = Node(name="npm-client")
        cls.node.start()
        try:
            cls.results = cls.run_cases()
        except BaseException:
            cls.node.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    @classmethod
    def run_cases(cls):
        proc = subprocess.run([node_binary(), "roundtrip.mjs", "--url", cls.node.url], cwd=NPM_DIR,
                              capture_output=True, text=True, timeout=240)
        if proc.returncode != 0:
            raise AssertionError("roundtrip.mjs exited with %d:\n%s\n%s" % (proc.returncode, proc.stdout, proc.stderr))
        results = {}
        for line in proc.stdout.splitlines():
            line = line.strip()
            if line.startswith("{"):
                r = json.loads(line)
                results[r["case"]] = r
        if proc.stderr.strip():
            print(proc.stderr)
        return results

    def check(self, name):
        self.assertIn(name, self.results, "roundtrip.mjs reported nothing for %s" % name)
        r = self.results[name]
        self.assertTrue(r["ok"], "%s: %s" % (name, r.get("error")))

    def test_every_case_reported(self):
        self.assertEqual(sorted(self.results), sorted(CASES))


def _add_case(name):
    setattr(NpmClient, "test_" + name, lambda self: self.check(name))


for _name in CASES:
    _add_case(_name)


if __name__ == "__main__":
    harness.main()
