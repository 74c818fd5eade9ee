#!/usr/bin/python3
"""Takeover of a Confluent deployment: records written in the Confluent `_schemas` format
(every keytype, legacy key byte order, magic 0, schemaType null, Karapace's zero-length
deletes and "subject":null global config, an unknown keytype) are produced into the topic
with python3-confluent-kafka's producer; a node started on that topic answers every endpoint
as Confluent would, and its next id continues after the highest id in the log."""
import json
import os
import unittest

import harness
from harness import Node, wait_until

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "confluent_schemas_topic.jsonl")
FAST = {"ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS": "20",
        "ACCORD_KAFKAGROUP_SESSION_TIMEOUT_MS": "3000",
        "ACCORD_KAFKAGROUP_HEARTBEAT_INTERVAL_MS": "1000"}

class Takeover(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        harness.skip_without_kafka()
        cls.broker = harness.kafka(topics=["_schemas:1"])
        harness.produce_fixture(cls.broker, FIXTURE)
        cls.node = Node(name="takeover", kafka=cls.broker, env=FAST)
        cls.node.start()

    @classmethod
    def tearDownClass(cls):
        cls.node.kill()
        cls.broker.stop()

    def get(self, path):
        return self.node.get(path)

    def test_subjects_and_versions(self):  # runs before the write of test_z_...
        self.assertEqual(self.get("/subjects"), (200, ["legacy-value", "money", "payments-value"]))
        self.assertEqual(self.get("/subjects/legacy-value/versions"), (200, [1]))
        status, body = self.get("/subjects/orders-value/versions")
        self.assertEqual((status, body["error_code"]), (404, 40401))

    def test_schemas_as_confluent_serves_them(self):
        status, body = self.get("/subjects/payments-value/versions/1")
        self.assertEqual(status, 200)
        self.assertEqual(body["id"], 3)
        self.assertEqual(body["schemaType"], "PROTOBUF")
        self.assertEqual(body["references"], [{"name": "money.proto", "subject": "money", "version": 1}])
        status, body = self.get("/subjects/legacy-value/versions/1")
        self.assertEqual((status, body["schemaType"], body["schema"]), (200, "AVRO", '"string"'))
        self.assertEqual(self.get("/subjects/money/versions/1/referencedby"), (200, [3]))
        status, body = self.get("/schemas/ids/1")
        self.assertEqual((status, body["error_code"]), (404, 40403), "hard-deleted id no longer resolves")
        status, body = self.get("/schemas/ids/8")
        self.assertEqual(status, 404, "Karapace's zero-length value deletes like a tombstone")

    def test_config_and_mode(self):
        self.assertEqual(self.get("/config"), (200, {"compatibilityLevel": "FULL_TRANSITIVE"}))
        status, body = self.get("/config/orders-value")
        self.assertEqual((status, body["error_code"]), (404, 40408))
        self.assertEqual(self.get("/mode/legacy-value"), (200, {"mode": "READONLY"}))

    def test_z_next_id_continues_after_the_highest(self):
        text = json.dumps({"type": "record", "name": "AfterTakeover", "fields": []})
        status, body = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(
            self.node.post("/subjects/new-value/versions", {"schema": text})), timeout=60,
            message="a write accepted by the new writer")
        self.assertEqual(body["id"], 9, body)
        self.assertEqual(body["version"], 1)


if __name__ == "__main__":
    harness.main()
