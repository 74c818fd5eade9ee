#!/usr/bin/python3
"""Recovery on Kafka: a store that does not belong to the topic (the topic was recreated, so
the store's applied offset is beyond the log end) is detected at start with a clear message
instead of serving a mix, and --rebuild rebuilds it from the topic. Also prints the start-up
time of a node over a topic of 10,000 records, with a fresh store and resumed (reported, never
asserted)."""
import json
import time
import unittest

import harness
from harness import KAFKA_FAST, Node, wait_until

RECORDS = 10000


def produce_registrations(broker, topic, count):
    from confluent_kafka import Producer
    topic = broker.topic_name(topic)
    producer = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True, "acks": "all",
                         "linger.ms": 5})
    for i in range(1, count + 1):
        subject = "big-%05d" % i
        key = json.dumps({"keytype": "SCHEMA", "subject": subject, "version": 1, "magic": 1}, separators=(",", ":"))
        value = json.dumps({"subject": subject, "version": 1, "id": i, "schemaType": "AVRO",
                            "schema": json.dumps({"type": "record", "name": "R%d" % i, "fields": []},
                                                 separators=(",", ":")), "deleted": False},
                           separators=(",", ":"))
        producer.produce(topic, key=key.encode(), value=value.encode(), partition=0)
        if i % 1000 == 0:
            producer.poll(0)
    assert producer.flush(60) == 0, "records not delivered"


class KafkaRecovery(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        harness.skip_without_kafka()
        cls.broker = harness.kafka(topics=["_schemas:1", "_recreated:1", "_big:1"])

    @classmethod
    def tearDownClass(cls):
        cls.broker.stop()

    def test_store_ahead_of_the_log_is_refused_then_rebuilt(self):
        node = Node(name="ahead", kafka=self.broker, env=KAFKA_FAST)
        node.start()
        try:
            wait_until(lambda: node.cluster().get("role") == "writer", timeout=60, message="writer elected")
            for i in range(3):
                text = json.dumps({"type": "record", "name": "Ahead%d" % i, "fields": []})
                status, body = node.post("/subjects/ahead-%d/versions" % i, {"schema": text})
                self.assertEqual(status, 200, body)
            node.stop()
            # Same data directory, but a topic that does not hold what the store applied.
            node.topic = "_recreated"
            node.start(wait=False)
            rc = node.wait_exit(60)
            self.assertIsNotNone(rc, "a node whose store is ahead of the topic must not serve")
            self.assertNotEqual(rc, 0)
            self.assertIn("--rebuild", node.log_text())
            node.args = ["--rebuild"]
            node.start()
            self.assertEqual(node.get("/subjects"), (200, []), "rebuilt from the (empty) topic")
        finally:
            node.kill()

    def test_startup_over_ten_thousand_records(self):
        produce_registrations(self.broker, "_big", RECORDS)
        node = Node(name="big", kafka=self.broker, topic="_big", env=KAFKA_FAST,
                    args=["--set", "leader.eligibility=false"])
        try:
            started = time.monotonic()
            node.start(timeout=180)
            fresh = time.monotonic() - started
            status, subjects = node.get("/subjects")
            self.assertEqual((status, len(subjects)), (200, RECORDS))
            self.assertEqual(node.get("/schemas/ids/%d" % RECORDS)[0], 200)
            applied = node.cluster()["applied_offset"]
            node.stop()
            started = time.monotonic()
            node.start(timeout=180)
            resumed = time.monotonic() - started
            self.assertEqual(node.cluster()["applied_offset"], applied, "nothing re-applied on resume")
            self.assertEqual(len(node.get("/subjects")[1]), RECORDS)
            print("\nstart-up over %d records on %s: fresh store %.2f s, resumed %.2f s"
                  % (RECORDS, "the external broker" if self.broker.external else "the test broker", fresh, resumed))
        finally:
            node.kill()


if __name__ == "__main__":
    harness.main()
