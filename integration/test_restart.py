#!/usr/bin/python3
"""Durability on the embedded log: a clean restart serves everything with the same ids; a
deleted store (<data.dir>/store) is rebuilt from the log identically; `accord replay` too."""
import json
import os
import shutil
import subprocess
import unittest

import harness
from harness import Node, q


def record(name, fields):
    return json.dumps({"type": "record", "name": name, "fields": fields}, separators=(",", ":"))


def populate(node):
    """A bit of everything: several subjects and versions, a shared id, a reference,
    a soft-deleted version, a soft-deleted subject, a hard-deleted version, configs, modes."""
    def ok(resp):
        if resp[0] != 200:
            raise AssertionError("populate: %r" % (resp,))
    for i in range(3):
        s = "orders-%d" % i
        ok(node.register(s, record("Order%d" % i, [{"name": "id", "type": "long"}])))
        ok(node.register(s, record("Order%d" % i, [{"name": "id", "type": "long"},
                                                   {"name": "n", "type": "int", "default": 0}])))
    ok(node.register("shared-copy", record("Order0", [{"name": "id", "type": "long"}])))
    ok(node.register("money", record("Money", [{"name": "units", "type": "long"}])))
    ok(node.register("payment", record("Payment", [{"name": "m", "type": "Money"}]),
                     references=[{"name": "Money", "subject": "money", "version": 1}]))
    ok(node.delete("/subjects/orders-1/versions/1"))
    ok(node.register("gone", record("Gone", [{"name": "x", "type": "int"}])))
    ok(node.delete("/subjects/gone"))
    ok(node.register("hard", record("Hard", [{"name": "x", "type": "int"}])))
    ok(node.register("hard", record("Hard", [{"name": "x", "type": "int"}, {"name": "y", "type": "int", "default": 1}])))
    ok(node.delete("/subjects/hard/versions/2"))
    ok(node.delete("/subjects/hard/versions/2?permanent=true"))
    ok(node.put("/config/orders-2", {"compatibility": "FULL"}))
    ok(node.put("/config", {"compatibility": "FORWARD"}))
    ok(node.put("/mode/money", {"mode": "READONLY"}))
    ok(node.put("/mode/imported", {"mode": "IMPORT"}))
    ok(node.register("imported", record("Imp", [{"name": "z", "type": "int"}]), id=500, version=4))
    # Contexts: the same id for different schemas in two contexts, a context-level config and
    # mode, a reference inside a context, a hard-deleted highest id of a context.
    ok(node.register(":.ctx-a:orders", record("CtxA", [{"name": "a", "type": "int"}])))
    ok(node.register(":.ctx-b:orders", record("CtxB", [{"name": "b", "type": "long"}])))
    ok(node.register(":.ctx-a:money", record("Money", [{"name": "cents", "type": "int"}])))
    ok(node.register(":.ctx-a:payment", record("Payment", [{"name": "m", "type": "Money"}]),
                     references=[{"name": "Money", "subject": "money", "version": 1}]))
    ok(node.register(":.ctx-b:temp", record("Temp", [{"name": "t", "type": "int"}])))
    ok(node.delete("/subjects/%s" % q(":.ctx-b:temp")))
    ok(node.delete("/subjects/%s?permanent=true" % q(":.ctx-b:temp")))
    ok(node.put("/config/%s" % q(":.ctx-a:"), {"compatibility": "NONE"}))
    ok(node.put("/mode/%s" % q(":.ctx-b:"), {"mode": "READONLY"}))


class Restart(unittest.TestCase):
    def setUp(self):
        self.node = Node(name="restart")
        self.node.start()
        self.addCleanup(self.node.kill)
        populate(self.node)
        self.before = self.node.snapshot()
        self.max_id = max(int(i) for i in self.before["ids"] if not i.startswith(":"))

    def assertSameState(self, after):
        self.maxDiff = None
        for key in sorted(set(self.before) | set(after)):
            self.assertEqual(after.get(key), self.before.get(key), key)

    def check_new_ids_continue(self):
        st, body = self.node.register("after-restart", record("After", [{"name": "a", "type": "int"}]))
        self.assertEqual(st, 200, body)
        self.assertGreater(body["id"], self.max_id, "a fresh id must not reuse an existing one")
        self.assertEqual(body["version"], 1)
        # Each context continues its own sequence: .ctx-a holds 1-3; .ctx-b's 2 was hard-deleted.
        st, body = self.node.register(":.ctx-a:after", record("AfterA", [{"name": "a", "type": "int"}]))
        self.assertEqual((st, body["id"]), (200, 4), body)
        self.assertEqual(self.node.put("/mode/%s" % q(":.ctx-b:"), {"mode": "READWRITE"})[0], 200)
        st, body = self.node.register(":.ctx-b:after", record("AfterB", [{"name": "a", "type": "int"}]))
        self.assertEqual((st, body["id"]), (200, 3), "a hard-deleted id of a context is not reissued")

    def test_layout(self):
        self.assertTrue(os.path.isdir(self.node.log_dir()), "embedded log at <data.dir>/log")
        self.assertTrue(os.path.isdir(self.node.store_dir()), "RocksDB state at <data.dir>/store")

    def test_sigterm_and_restart(self):
        rc, clean = self.node.stop_clean(timeout=20)
        self.assertTrue(clean, "SIGTERM must stop the node")
        self.assertEqual(rc, 0, "exit code after SIGTERM")
        self.node.start()
        self.assertSameState(self.node.snapshot())
        self.check_new_ids_continue()

    def test_twice(self):
        for _ in range(2):
            self.node.restart()
        self.assertSameState(self.node.snapshot())
        self.check_new_ids_continue()

    def test_store_deleted_is_rebuilt(self):
        self.node.stop()
        shutil.rmtree(self.node.store_dir())
        self.assertTrue(os.path.isdir(self.node.log_dir()))
        self.node.start()
        self.assertSameState(self.node.snapshot())
        self.assertTrue(os.path.isdir(self.node.store_dir()))
        self.check_new_ids_continue()

    def test_replay_command(self):
        self.node.stop()
        env = self.node.environment()
        out = subprocess.run([self.node.accord, "replay", "--data-dir", self.node.data_dir],
                             env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=120)
        self.assertEqual(out.returncode, 0, out.stdout.decode("utf-8", "replace")[-4000:])
        self.node.start()
        self.assertSameState(self.node.snapshot())
        self.check_new_ids_continue()

    def test_ids_stable(self):
        # the same (subject, version) -> id mapping, seen from the id side as well
        ids = {k: v["id"] for k, v in self.before["versions"].items()}
        self.node.restart()
        for key, sid in ids.items():
            subject, version = key.rsplit("/", 1)
            st, body = self.node.get("/subjects/%s/versions/%s?deleted=true" % (q(subject), version))
            self.assertEqual(st, 200, (key, body))
            self.assertEqual(body["id"], sid, key)


if __name__ == "__main__":
    harness.main()
