#!/usr/bin/python3
"""Crash safety on the embedded log: client threads register distinct schemas while the node
is killed with SIGKILL at a random moment (after a random number of acknowledged writes);
after a restart every acknowledged registration is served with the same id and version, no
id is bound to two different schemas, and each subject's versions are dense 1..n."""
import json
import os
import random
import signal
import threading
import unittest

import harness
from harness import Node, q

ROUNDS = 3
THREADS = 4
PER_THREAD = 60           # upper bound of attempts per thread and round
SUBJECTS_PER_THREAD = 3


def schema_for(rnd, t, i):
    return json.dumps({"type": "record", "name": "R%d_%d_%d" % (rnd, t, i),
                       "fields": [{"name": "f%d" % i, "type": "int"}]}, separators=(",", ":"))


class Crash(unittest.TestCase):
    def setUp(self):
        seed = int(os.environ.get("ACCORD_IT_SEED", random.randrange(1 << 30)))
        print("\n[crash] random seed %d (set ACCORD_IT_SEED to repeat)" % seed)
        self.rng = random.Random(seed)
        self.node = Node(name="crash")
        self.node.start()
        self.addCleanup(self.node.kill)
        st, body = self.node.put("/config", {"compatibility": "NONE"})
        self.assertEqual(st, 200, body)

    def run_round(self, rnd, acked, unexpected):
        kill_at = self.rng.randint(3, THREADS * PER_THREAD // 3)
        count = [0]
        lock = threading.Lock()
        reached = threading.Event()
        node_url = self.node.url

        def client(t):
            for i in range(PER_THREAD):
                subject = "crash-%d-%d" % (t, i % SUBJECTS_PER_THREAD)
                schema = schema_for(rnd, t, i)
                try:
                    st, body = harness.http("POST", node_url + "/subjects/%s/versions" % q(subject),
                                            {"schema": schema}, timeout=15)
                except OSError:
                    return  # the node is gone: the outcome of this request is unknown
                if st != 200:
                    with lock:
                        unexpected.append((subject, st, body))
                    return
                with lock:
                    acked[(subject, schema)] = (body["id"], body["version"])
                    count[0] += 1
                    if count[0] == kill_at:
                        self.node.proc.signal(signal.SIGKILL)  # right now, while the others write
                        reached.set()

        threads = [threading.Thread(target=client, args=(t,), daemon=True) for t in range(THREADS)]
        for th in threads:
            th.start()
        # kill when kill_at writes were acknowledged, or when the clients are done
        done = lambda: reached.is_set() or not any(th.is_alive() for th in threads)  # noqa: E731
        harness.wait_until(done, timeout=120, message="round %d: %d acknowledged writes" % (rnd, kill_at))
        self.node.kill()
        for th in threads:
            th.join(timeout=30)
            self.assertFalse(th.is_alive(), "client thread stuck after the kill")
        print("[crash] round %d: killed after %d acknowledged writes (target %d)" % (rnd, count[0], kill_at))
        self.node.start()

    def test_kill_during_writes(self):
        acked = {}
        unexpected = []
        for rnd in range(ROUNDS):
            self.run_round(rnd, acked, unexpected)
            self.assertEqual(unexpected, [], "non-200 answers while the node was up")
            self.verify(acked)
        self.assertGreater(len(acked), 0)

    def verify(self, acked):
        # every acknowledged registration is there, same id and version
        for (subject, schema), (sid, version) in sorted(acked.items()):
            st, body = self.node.get("/subjects/%s/versions/%d" % (q(subject), version))
            self.assertEqual(st, 200, (subject, version, body))
            self.assertEqual((body["id"], body["schema"]), (sid, schema), (subject, version))
            st, found = self.node.post("/subjects/%s" % q(subject), {"schema": schema})
            self.assertEqual(st, 200, (subject, found))
            self.assertEqual((found["id"], found["version"]), (sid, version))
        # distinct schemas got distinct ids
        ids = [v[0] for v in acked.values()]
        self.assertEqual(len(ids), len(set(ids)), "one id acknowledged for two different schemas")
        # whole store: no id bound to two schemas; versions dense 1..n
        by_id = {}
        st, subjects = self.node.get("/subjects?deleted=true")
        self.assertEqual(st, 200)
        for s in subjects:
            st, versions = self.node.get("/subjects/%s/versions?deleted=true" % q(s))
            self.assertEqual(st, 200, (s, versions))
            self.assertEqual(versions, list(range(1, len(versions) + 1)), "versions of %s not dense" % s)
            for v in versions:
                st, body = self.node.get("/subjects/%s/versions/%d?deleted=true" % (q(s), v))
                self.assertEqual(st, 200, (s, v, body))
                by_id.setdefault(body["id"], set()).add(body["schema"])
                st, byid = self.node.get("/schemas/ids/%d" % body["id"])
                self.assertEqual(st, 200, byid)
                self.assertEqual(byid["schema"], body["schema"])
        for sid, schemas in by_id.items():
            self.assertEqual(len(schemas), 1, "id %d bound to %d schemas" % (sid, len(schemas)))


if __name__ == "__main__":
    harness.main()
