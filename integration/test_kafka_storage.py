#!/usr/bin/python3
"""Accord on a Kafka `_schemas` topic (the librdkafka test broker, docs/test-broker.md):
a writer node A and a non-eligible node B share the topic; B serves A's writes, B's restart
resumes from its stored offset, B's lost store is rebuilt from the topic, a topic with 3
partitions is refused, a missing topic is created compacted (Kafka) or refused with the
command that creates it (the test broker, which has no CreateTopics), and a broker outage fails writes with an error body (reads keep
working) until the broker is back (test broker only: an external broker cannot be taken
down). Skipped when the test broker is not built and no ACCORD_TEST_BOOTSTRAP is set."""
import itertools
import json
import shutil
import unittest

import harness
from harness import Node, q, wait_until

# Fast visibility on the mock broker and a short group session (docs/test-broker.md).
FAST_FETCH = {"ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS": "20",
              "ACCORD_KAFKAGROUP_SESSION_TIMEOUT_MS": "3000",
              "ACCORD_KAFKAGROUP_HEARTBEAT_INTERVAL_MS": "1000"}
_seq = itertools.count(1)


def schema(i):
    return json.dumps({"type": "record", "name": "K%d" % i,
                       "fields": [{"name": "f", "type": "int"}]}, separators=(",", ":"))


class KafkaStorage(unittest.TestCase):
    """Test methods run in name order (test_1_..., test_2_...); they share the broker and nodes."""

    @classmethod
    def setUpClass(cls):
        harness.skip_without_kafka()
        cls.broker = harness.kafka(topics=["_schemas:1"])
        try:
            cls.a = Node(name="node-a", kafka=cls.broker, env=FAST_FETCH)
            cls.b = Node(name="node-b", kafka=cls.broker, env=FAST_FETCH,
                         args=["--set", "leader.eligibility=false"])
            cls.a.start()
            cls.b.start()
            # A is the only eligible writer: wait until it accepts a write
            cls.first = wait_until(lambda: cls.register(cls.a, "kafka-first", schema(0)), timeout=60,
                                   message="node A accepting writes")
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for n in ("b", "a"):
            node = getattr(cls, n, None)
            if node is not None:
                node.stop()
        if getattr(cls, "broker", None) is not None:
            cls.broker.stop()

    @staticmethod
    def register(node, subject, text):
        st, body = node.register(subject, text)
        return body if st == 200 else None

    def served_by(self, node, sid, timeout=30):
        return wait_until(lambda: node.get("/schemas/ids/%d" % sid)[0] == 200, timeout=timeout,
                          message="id %d served by %s" % (sid, node.name))

    def caught_up(self, node, timeout=30):
        """Waits until node has applied everything the topic holds; returns its cluster status."""
        def check():
            c = node.cluster()
            return c if c["applied_offset"] >= 0 and c["end_offset"] >= 0 and \
                c["applied_offset"] >= self.a.cluster()["applied_offset"] else None
        return wait_until(check, timeout=timeout, message="%s caught up" % node.name)

    # ------------------------------------------------------------------------------------

    def test_1_follower_serves_writer_registrations(self):
        self.served_by(self.b, self.first["id"])
        s = "kafka-%d" % next(_seq)
        r = self.register(self.a, s, schema(next(_seq)))
        self.assertIsNotNone(r)
        self.served_by(self.b, r["id"])
        st, got = self.b.get("/subjects/%s/versions/1" % q(s))
        self.assertEqual(st, 200, got)
        self.assertEqual((got["id"], got["subject"]), (r["id"], s))
        self.assertNotEqual(self.b.cluster()["role"], self.a.cluster()["role"],
                            "B is not eligible: it cannot have the writer's role")

    def test_2_follower_does_not_write_itself(self):
        s = "kafka-b-%d" % next(_seq)
        text = schema(next(_seq))
        st, body = self.b.register(s, text)
        if st == 200:
            # forwarded to the writer: A has it under the same id
            self.served_by(self.a, body["id"])
            st2, got = self.a.get("/subjects/%s/versions/1" % q(s))
            self.assertEqual((st2, got["id"]), (200, body["id"]))
        else:
            # not the writer and not forwarding: an error body, nothing written
            self.assertGreaterEqual(st, 500, body)
            self.assertIsInstance(body, dict, body)
            self.assertIn(body.get("error_code"), (50001, 50002, 50003, 50004), body)
            self.assertEqual(self.a.get("/subjects/%s/versions" % q(s))[0], 404)

    def test_3_follower_restart_resumes(self):
        self.caught_up(self.b)
        before = self.b.cluster()["applied_offset"]
        self.b.stop()
        # a write while B is down
        r = self.register(self.a, "kafka-%d" % next(_seq), schema(next(_seq)))
        self.assertIsNotNone(r)
        target = self.a.cluster()["applied_offset"]
        self.b.start()
        # ready means caught up: right after readiness B has applied exactly what A applied
        after = self.b.cluster()["applied_offset"]
        self.assertGreaterEqual(after, before, "the applied offset continues, never goes back")
        self.assertEqual(after, target)
        self.served_by(self.b, r["id"], timeout=5)
        self.assertEqual(self.b.snapshot(), self.a.snapshot())

    def test_4_follower_store_rebuilt(self):
        for i in range(3):
            self.assertIsNotNone(self.register(self.a, "kafka-rebuild-%d" % i, schema(next(_seq))))
        self.caught_up(self.b)
        expected = self.a.snapshot()
        self.b.stop()
        shutil.rmtree(self.b.store_dir(), ignore_errors=True)
        self.b.start()
        self.caught_up(self.b)
        self.assertEqual(self.b.snapshot(), expected)

    def test_5_topic_with_three_partitions_is_refused(self):
        self.broker.topic("_schemas_three", 3)
        node = Node(name="node-3p", kafka=self.broker, topic="_schemas_three", env=FAST_FETCH)
        node.start(wait=False)
        try:
            rc = node.wait_exit(60)
            self.assertIsNotNone(rc, "a node on a 3-partition topic must exit")
            self.assertNotEqual(rc, 0)
            self.assertIn(self.broker.topic_name("_schemas_three"), node.log_text())
        finally:
            node.kill()

    def test_6_broker_down_then_up(self):
        self.broker.require_control()
        r = self.register(self.a, "kafka-before-down", schema(next(_seq)))
        self.assertIsNotNone(r)
        self.served_by(self.b, r["id"])  # B has it before the broker goes
        self.broker.down(1)
        try:
            # reads keep working from the local store
            for node in (self.a, self.b):
                st, body = node.get("/schemas/ids/%d" % r["id"])
                self.assertEqual(st, 200, (node.name, body))
                self.assertEqual(node.get("/subjects")[0], 200)
            # a write fails with an error body within the request deadline
            st, body = harness.http("POST", self.a.url + "/subjects/kafka-during-down/versions",
                                    {"schema": schema(next(_seq))}, timeout=30)
            self.assertEqual(st, 500, body)
            self.assertIn(body.get("error_code"), (50001, 50002), body)
            self.assertIsInstance(body.get("message"), str)
        finally:
            self.broker.up(1)
        # writes succeed again, without restarting the node
        text = schema(next(_seq))
        again = wait_until(lambda: self.register(self.a, "kafka-after-up", text), timeout=90,
                           message="a write accepted after the broker is back")
        self.served_by(self.b, again["id"], timeout=60)
        self.assertTrue(self.a.alive() and self.b.alive())

    def test_7_missing_topic(self):
        """A broker with the Admin API (Kafka) gets the missing topic created: one partition,
        compacted; the test broker has none, and the node says how to create it by hand."""
        node = Node(name="node-new-topic", kafka=self.broker, topic="_schemas_new", env=dict(
            FAST_FETCH, ACCORD_KAFKASTORE_INIT_TIMEOUT_MS="8000"))
        real = self.broker.topic_name("_schemas_new")
        try:
            if self.broker.admin_api:
                node.start()
                self.assertEqual(self.broker.describe("_schemas_new"), (1, "compact"))
                st, body = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(
                    node.register("new-topic", schema(next(_seq)))), timeout=60, message="a write on the new topic")
                self.assertEqual(body["id"], 1, "a fresh topic starts the ids at 1")
            else:
                node.start(wait=False)
                rc = node.wait_exit(90)
                self.assertIsNotNone(rc, "a node whose topic cannot be created must exit")
                self.assertNotEqual(rc, 0)
                self.assertIn("kafka-topics --bootstrap-server %s --create --topic %s --partitions 1"
                              % (self.broker.bootstrap, real), node.log_text())
        finally:
            node.kill()

if __name__ == "__main__":
    harness.main()
