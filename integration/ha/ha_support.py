"""Helpers shared by the HA tests: a three-node cluster on one broker (the test broker, or
the external one of ACCORD_TEST_BOOTSTRAP), finding the writer, registering with retries, and
waiting until every node applied the same log."""
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402
from harness import Node, q, wait_until  # noqa: E402,F401

SESSION_MS = 3000
# Fast visibility on the mock broker, a short group session, and a write bound that holds
# on a loaded 2-core machine (docs/test-broker.md).
ENV = {"ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS": "20",
       "ACCORD_KAFKAGROUP_SESSION_TIMEOUT_MS": str(SESSION_MS),
       "ACCORD_KAFKAGROUP_HEARTBEAT_INTERVAL_MS": "1000",
       "ACCORD_KAFKASTORE_TIMEOUT_MS": "5000"}
# What a write may answer while the writer changes (documented in docs/high-availability.md).
FAILOVER_CODES = (50002, 50003, 50004)


def schema(name):
    return json.dumps({"type": "record", "name": name, "fields": [{"name": "f", "type": "int"}]},
                      separators=(",", ":"))


def try_request(node, method, path, body=None, timeout=30):
    """Response, or None when the node cannot be reached (killed, paused past the timeout)."""
    try:
        return node.request(method, path, body, timeout=timeout)
    except OSError:
        return None


def cluster_status(node):
    r = try_request(node, "GET", "/accord/v1/cluster", timeout=5)
    return r.body if r is not None and r.status == 200 else None


class Cluster:
    def __init__(self, size=3, prefix="ha"):
        self.broker = harness.kafka(topics=["_schemas:1"])
        self.nodes = [Node(name="%s-%d" % (prefix, i), kafka=self.broker, env=ENV)
                      for i in range(size)]
        for n in self.nodes:
            n.start(wait=False)
        for n in self.nodes:
            n.wait_ready(90)

    def stop(self):
        for n in self.nodes:
            n.stop()
        self.broker.stop()

    def live(self):
        return [n for n in self.nodes if n.alive()]

    def writer(self, timeout=60, exclude=()):
        """The one live node that reports the writer role and has announced itself (every
        live node names it), waiting up to timeout seconds."""
        def find():
            candidates = [n for n in self.live() if n not in exclude]
            statuses = {n.name: cluster_status(n) for n in candidates}
            writers = [n for n in candidates if (statuses[n.name] or {}).get("role") == "writer"]
            if len(writers) != 1:
                return None
            w = writers[0]
            if all((statuses[n.name] or {}).get("writer_url") == w.url for n in candidates):
                return w
            return None
        return wait_until(find, timeout=timeout, message="one writer known to every node")

    def register_until_ok(self, node, subject, text, timeout=60):
        """Registers through node, retrying on the failover errors; returns (body, response)."""
        def attempt():
            r = try_request(node, "POST", "/subjects/%s/versions" % q(subject), {"schema": text})
            if r is not None and r.status == 200:
                return r
            if r is not None and r.status >= 500:
                assert isinstance(r.body, dict) and r.body.get("error_code") in FAILOVER_CODES + (50001,), r.body
            return None
        r = wait_until(attempt, timeout=timeout, interval=0.1, message="registration of %s" % subject)
        return r.body, r

    def caught_up(self, nodes=None, timeout=60):
        """Waits until every node applied the same offset, the last record of the log (on
        real Kafka the end offset is past a transaction's commit marker)."""
        nodes = nodes or self.live()

        def same():
            st = [cluster_status(n) for n in nodes]
            if any(s is None for s in st):
                return None
            ends = {s["end_offset"] for s in st}
            applied = {s["applied_offset"] for s in st}
            if len(applied) != 1 or len(ends) != 1:
                return None
            if max(ends) - 1 <= max(applied) or not self.broker.has_records_after(max(applied)):
                return st
            return None
        return wait_until(same, timeout=timeout, message="all nodes caught up")


class Load:
    """Threads registering distinct schemas, one subject per thread, through the given
    nodes in turn; each schema is retried until acknowledged (so an append whose answer
    was lost is acknowledged by the retry, which finds it)."""

    def __init__(self, cluster, threads=3, prefix="load"):
        self.cluster = cluster
        self.stop_flag = threading.Event()
        self.lock = threading.Lock()
        self.acks = []        # (time, subject, schema text, id, writer url)
        self.errors = []      # (time, status, body)
        self.threads = [threading.Thread(target=self._run, args=("%s-%d" % (prefix, i), i), daemon=True)
                        for i in range(threads)]

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def stop(self, timeout=120):
        self.stop_flag.set()
        for t in self.threads:
            t.join(timeout)
            assert not t.is_alive(), "a load thread did not finish"

    def _run(self, subject, index):
        k = 0
        turn = index
        text = schema("%s_%d" % (subject.replace("-", "_"), k))
        give_up = None
        while True:
            live = self.cluster.live()
            node = live[turn % len(live)] if live else None
            turn += 1
            r = try_request(node, "POST", "/subjects/%s/versions" % q(subject), {"schema": text}, timeout=30) \
                if node else None
            now = time.monotonic()
            if r is not None and r.status == 200:
                with self.lock:
                    self.acks.append((now, subject, text, r.body["id"], r.headers.get("x-accord-writer")))
                k += 1
                text = schema("%s_%d" % (subject.replace("-", "_"), k))
                if self.stop_flag.is_set():
                    return
                continue
            if r is not None:
                assert r.status >= 500, "only failover errors are expected: %d %r" % (r.status, r.body)
                with self.lock:
                    self.errors.append((now, r.status, r.body))
            if self.stop_flag.is_set():
                # finish the schema in flight (it may have been appended), within a bound
                give_up = give_up or now + 90
                if now > give_up:
                    return
            time.sleep(0.05)

    def acked_by(self, url):
        with self.lock:
            return [a for a in self.acks if a[4] == url]

    def acked(self):
        with self.lock:
            return list(self.acks)

    def failover_seconds(self, old_url, new_url):
        old = [a[0] for a in self.acked_by(old_url)]
        new = [a[0] for a in self.acked_by(new_url) if not old or a[0] > max(old)]
        if not old or not new:
            return None
        return min(new) - max(old)


def check_consistent(test, cluster, acks, nodes=None):
    """Every acknowledged schema is on every node with one id; ids are unique per schema;
    each subject has exactly as many versions as were acknowledged."""
    nodes = nodes or cluster.live()
    cluster.caught_up(nodes)
    by_subject = {}
    ids = {}
    for _, subject, text, sid, _ in acks:
        by_subject.setdefault(subject, set()).add(text)
        test.assertEqual(ids.setdefault(text, sid), sid, "one schema, one id")
    test.assertEqual(len(set(ids.values())), len(ids), "distinct schemas have distinct ids")
    for n in nodes:
        for subject, texts in by_subject.items():
            st, versions = n.get("/subjects/%s/versions" % q(subject))
            test.assertEqual(st, 200, (n.name, subject, versions))
            test.assertEqual(len(versions), len(texts), "%s: versions of %s equal the acknowledged" % (n.name, subject))
        for text, sid in ids.items():
            st, body = n.get("/schemas/ids/%d" % sid)
            test.assertEqual(st, 200, (n.name, sid, body))
            test.assertEqual(json.loads(body["schema"]), json.loads(text), (n.name, sid))


def set_compatibility_none(cluster):
    """Versions of one subject are unrelated records in these tests."""
    w = cluster.writer()
    st, body = w.put("/config", {"compatibility": "NONE"})
    assert st == 200, (st, body)


class ClusterCase(unittest.TestCase):
    """Test cases sharing one three-node cluster on the test broker (compatibility NONE),
    started once for the class and always stopped. PREFIX names its nodes."""
    PREFIX = "ha"

    @classmethod
    def setUpClass(cls):
        harness.skip_without_kafka()
        cls.cluster = Cluster(prefix=cls.PREFIX)
        try:
            set_compatibility_none(cls.cluster)
        except BaseException:
            cls.cluster.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.cluster.stop()
