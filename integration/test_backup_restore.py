#!/usr/bin/python3
"""`accord backup` and `accord restore`: round trips on the embedded log (backup taken while
the node runs) and on Kafka topics of the test broker, a Confluent-format topic (the takeover
fixture) restored into an embedded log, damaged backups refused with the target untouched,
occupied targets refused, and restores killed with SIGKILL then run again to completion."""
import json
import os
import unittest

import harness
from harness import Broker, Node, make_tmpdir, wait_until
from ops_support import generated_records, populate, run_accord, write_backup
from test_takeover import FAST, FIXTURE


def assert_same_registry(test, a, b):
    test.assertEqual(a.snapshot(), b.snapshot())
    result = run_accord("compare", a.url, b.url, "--quiet")
    test.assertEqual(result.returncode, 0, result.stdout + result.stderr)
    test.assertIn("The registries agree", result.stdout)


class EmbeddedRoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.source = Node(name="source").start()
        populate(cls.source)
        cls.dir = make_tmpdir("accord-it-backup-")

    @classmethod
    def tearDownClass(cls):
        cls.source.stop()

    def backup(self, name, *extra):
        path = os.path.join(self.dir, name)
        result = run_accord("backup", "--data-dir", self.source.data_dir, "--out", path, "--format", "json",
                            "--quiet", *extra)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return path, json.loads(result.stdout)

    def test_backup_of_a_running_node_restores_to_the_same_answers(self):
        path, summary = self.backup("running.jsonl")  # the source node is running
        self.assertTrue(summary["ok"])
        self.assertEqual(summary["subjects"], 6)
        self.assertEqual(summary["max_id"], 8)
        self.assertGreater(summary["bytes"], 0)
        self.assertLess(summary["records"], summary["read"], "compaction drops superseded records")
        with open(path) as f:
            lines = f.read().splitlines()
        self.assertEqual(json.loads(lines[0])["format"], "accord-backup")
        self.assertTrue(json.loads(lines[-1])["end"])

        target = Node(name="restored")
        result = run_accord("restore", path, "--data-dir", target.data_dir, "--format", "json", "--quiet")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(json.loads(result.stdout)["written"], summary["records"])
        target.start()
        try:
            assert_same_registry(self, self.source, target)
            # The restored node allocates after the highest id, as the source would.
            status, body = target.register("after-restore", '"bytes"')
            self.assertEqual((status, body["id"]), (200, 9), body)
        finally:
            target.stop()

    def test_full_backup_keeps_every_record(self):
        _, full = self.backup("full.jsonl", "--full")
        self.assertEqual(full["records"], full["read"])
        _, compacted = self.backup("compacted.jsonl")
        self.assertEqual(compacted["read"], full["read"])
        self.assertEqual((compacted["subjects"], compacted["versions"], compacted["schemas"]),
                         (full["subjects"], full["versions"], full["schemas"]))

    def test_damaged_backups_are_refused_and_the_target_untouched(self):
        path, _ = self.backup("good.jsonl")
        with open(path, "rb") as f:
            good = f.read()
        lines = good.splitlines(keepends=True)
        swapped = lines[:1] + [lines[2], lines[1]] + lines[3:]
        at = good.index(b"Order")  # inside a schema text: the line stays valid JSON
        flipped = good[:at + 3] + bytes([good[at + 3] ^ 0x01]) + good[at + 4:]
        cases = {"truncated": (good[:len(good) - 30], "truncated"),
                 "flipped": (flipped, "checksum mismatch"),
                 "reordered": (b"".join(swapped), "out of order")}
        for name, (data, message) in cases.items():
            with self.subTest(name):
                damaged = os.path.join(self.dir, name + ".jsonl")
                with open(damaged, "wb") as f:
                    f.write(data)
                target = make_tmpdir("accord-it-target-")
                result = run_accord("restore", damaged, "--data-dir", target)
                self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
                self.assertIn(message, result.stderr)
                self.assertEqual(os.listdir(target), [], "nothing may be written for a damaged backup")

    def test_a_target_with_records_is_refused_unless_forced(self):
        path, summary = self.backup("occupied.jsonl")
        other = Node(name="occupied").start()
        other.register("foreign", '"int"')
        other.stop()
        result = run_accord("restore", path, "--data-dir", other.data_dir)
        self.assertEqual(result.returncode, 1)
        self.assertIn("already holds", result.stderr)
        other.start()
        self.assertEqual(other.get("/subjects"), (200, ["foreign"]))
        # While the node runs, even --force is refused: the log is in use.
        result = run_accord("restore", path, "--data-dir", other.data_dir, "--force")
        self.assertEqual(result.returncode, 1)
        self.assertIn("in use", result.stderr)
        other.stop()
        result = run_accord("restore", path, "--data-dir", other.data_dir, "--force")
        self.assertEqual(result.returncode, 0, result.stderr)
        other.start()
        try:
            assert_same_registry(self, self.source, other)
        finally:
            other.stop()


class InterruptedEmbeddedRestore(unittest.TestCase):
    def test_kill_9_then_run_again(self):
        work = make_tmpdir("accord-it-kill-")
        path = write_backup(os.path.join(work, "big.jsonl"), generated_records(3000))
        target = Node(name="killed-restore")
        result = run_accord("restore", path, "--data-dir", target.data_dir, "--quiet",
                            env={"ACCORD_TEST_CRASH_AT": "writing:1000"})
        self.assertEqual(result.returncode, -9, result.stderr)
        self.assertFalse(os.path.exists(os.path.join(target.data_dir, "log")),
                         "an interrupted restore leaves the target as it was")
        result = run_accord("restore", path, "--data-dir", target.data_dir, "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        target.start()
        try:
            status, subjects = target.get("/subjects")
            self.assertEqual((status, len(subjects)), (200, 50))
            status, body = target.get("/schemas/ids/3000")
            self.assertEqual(status, 200, body)
            self.assertEqual(target.get("/subjects/s49/versions")[1], list(range(1, 61)))
        finally:
            target.stop()


class KafkaRoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not Broker.available():
            raise unittest.SkipTest("test broker not built: %s" % harness.BROKER)
        cls.broker = Broker(topics=["_schemas:1"])
        cls.work = make_tmpdir("accord-it-kafka-backup-")

    @classmethod
    def tearDownClass(cls):
        cls.broker.stop()

    def kafka_node(self, name, topic):
        node = Node(name=name, kafka=self.broker, topic=topic, env=dict(harness.KAFKA_FAST))
        node.start()
        wait_until(lambda: node.cluster().get("role") == "writer", timeout=60, message=name + " elected writer")
        return node

    def kafka_args(self, topic):
        return ["--bootstrap-servers", self.broker.bootstrap, "--topic", self.broker.topic_name(topic), "--quiet"]

    def test_topic_round_trip_and_resume_after_kill_9(self):
        source = self.kafka_node("kafka-source", "_schemas")
        try:
            populate(source)
            path = os.path.join(self.work, "kafka.jsonl")
            result = run_accord("backup", "--out", path, "--format", "json", *self.kafka_args("_schemas"))
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(json.loads(result.stdout)["subjects"], 6)

            # The test broker cannot create topics through the Admin API (librdkafka's mock
            # cluster has no controller), so the empty topic is made here.
            self.broker.topic("restored", 1)
            result = run_accord("restore", path, "--format", "json", *self.kafka_args("restored"))
            self.assertEqual(result.returncode, 0, result.stderr)
            # Run again: every record is already there, nothing is written twice.
            result = run_accord("restore", path, "--format", "json", *self.kafka_args("restored"))
            self.assertEqual(result.returncode, 0, result.stderr)
            again = json.loads(result.stdout)
            self.assertEqual((again["written"], again["skipped"]), (0, again["records"]))
            target = self.kafka_node("kafka-restored", "restored")
            try:
                assert_same_registry(self, source, target)
            finally:
                target.stop()

            # A topic with other records is refused.
            result = run_accord("restore", path, *self.kafka_args("_schemas"))
            self.assertEqual(result.returncode, 1)
            self.assertIn("not this backup's", result.stderr)
        finally:
            source.stop()

        big = write_backup(os.path.join(self.work, "big.jsonl"), generated_records(2500))
        self.broker.topic("interrupted", 1)
        result = run_accord("restore", big, *self.kafka_args("interrupted"), env={"ACCORD_TEST_CRASH_AT": "writing:1000"})
        self.assertEqual(result.returncode, -9, result.stderr)
        result = run_accord("restore", big, "--format", "json", *self.kafka_args("interrupted"))
        self.assertEqual(result.returncode, 0, result.stderr)
        resumed = json.loads(result.stdout)
        self.assertGreaterEqual(resumed["skipped"], 1000, resumed)
        self.assertEqual(resumed["skipped"] + resumed["written"], 2500, resumed)
        node = self.kafka_node("kafka-resumed", "interrupted")
        try:
            self.assertEqual(len(node.get("/subjects")[1]), 50)
            self.assertEqual(node.get("/subjects/s0/versions")[1], list(range(1, 51)))
            self.assertEqual(node.get("/schemas/ids/2500")[0], 200)
        finally:
            node.stop()

    def topic_exists(self, name):
        # An all-topics metadata request: naming the topic would auto-create it on the test broker.
        from confluent_kafka.admin import AdminClient
        admin = AdminClient({"bootstrap.servers": self.broker.bootstrap})
        return self.broker.topic_name(name) in admin.list_topics(timeout=30).topics

    def test_missing_topics_backup_refuses_and_restore_creates_or_says_how(self):
        result = run_accord("backup", "--out", os.path.join(self.work, "none.jsonl"), *self.kafka_args("mistyped"))
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("does not exist", result.stderr)
        self.assertFalse(self.topic_exists("mistyped"), "a backup never creates the topic it reads")
        self.assertFalse(os.path.exists(os.path.join(self.work, "none.jsonl")))

        path = write_backup(os.path.join(self.work, "small.jsonl"), generated_records(20))
        result = run_accord("restore", path, "--format", "json", *self.kafka_args("created"),
                            "--set", "kafkastore.init.timeout.ms=5000")
        if harness.EXTERNAL_BOOTSTRAP:
            # Kafka creates it through the Admin API: one partition, compacted.
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(json.loads(result.stdout)["written"], 20)
            self.assertEqual(self.broker.describe("created"), (1, "compact"))
        else:
            # The test broker has no Admin API: the restore says how to create the topic and
            # writes nothing (no produce request that would auto-create a 4-partition topic).
            self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
            self.assertIn("--partitions 1", result.stderr)
            self.assertIn("cleanup.policy=compact", result.stderr)
            self.assertFalse(self.topic_exists("created"))

    def test_confluent_format_topic_restores_and_serves_the_same(self):
        self.broker.topic("confluent", 1)
        from confluent_kafka import Producer
        producer = Producer({"bootstrap.servers": self.broker.bootstrap, "enable.idempotence": True, "acks": "all"})
        with open(FIXTURE) as f:
            for line in f:
                record = json.loads(line)
                value = record["value"]
                producer.produce(self.broker.topic_name("confluent"), key=record["key"].encode(), partition=0,
                                 value=None if value is None else value.encode())
        self.assertEqual(producer.flush(30), 0)
        path = os.path.join(self.work, "confluent.jsonl")
        result = run_accord("backup", "--out", path, "--full", *self.kafka_args("confluent"))
        self.assertEqual(result.returncode, 0, result.stderr)
        live = Node(name="confluent-live", kafka=self.broker, topic="confluent", env=FAST,
                    args=["--set", "leader.eligibility=false"])
        live.start()
        restored = Node(name="confluent-restored")
        result = run_accord("restore", path, "--data-dir", restored.data_dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        restored.start()
        try:
            assert_same_registry(self, live, restored)
            self.assertEqual(restored.get("/subjects"), (200, ["legacy-value", "money", "payments-value"]))
            self.assertEqual(restored.get("/mode/legacy-value"), (200, {"mode": "READONLY"}))
            # Key bytes kept exactly (legacy byte order, magic 0).
            with open(FIXTURE) as f:
                fixture_keys = [json.loads(line)["key"] for line in f]
            with open(path) as f:
                backup_keys = [json.loads(line)["key"] for line in f.read().splitlines()[1:-1]]
            self.assertEqual(backup_keys, fixture_keys)
        finally:
            live.stop()
            restored.stop()


if __name__ == "__main__":
    harness.main()
