#!/usr/bin/python3
"""Takeover, schema identity: a topic whose SCHEMA records hold texts as other registries
stored them (Confluent 5.x and 8.x, Karapace's re-serialized JSON, Confluent's Protobuf
printer; with references) answers lookups as Confluent would. For every stored schema and
the text a client sends for it (its own formatting, key order, `{"type":"string"}`,
comments, option order): lookup under its subject returns the stored version and text,
re-registering returns the stored id with no new version, and registering it under another
subject reuses the id. Fixture: integration/fixtures/foreign_writers_topic.jsonl (records)
and foreign_writers_probes.json (the client's texts)."""
import json
import os
import unittest

import harness
from harness import Node, q, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDS = os.path.join(HERE, "fixtures", "foreign_writers_topic.jsonl")
PROBES = os.path.join(HERE, "fixtures", "foreign_writers_probes.json")

class ForeignWriters(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        harness.skip_without_kafka()
        cls.broker = harness.kafka(topics=["_schemas:1"])
        harness.produce_fixture(cls.broker, RECORDS)
        cls.node = Node(name="identity", kafka=cls.broker, env={"ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS": "20"})
        cls.node.start()
        with open(PROBES) as f:
            cls.probes = json.load(f)
        with open(RECORDS) as f:
            cls.stored = {}
            for line in f:
                value = json.loads(json.loads(line)["value"])
                cls.stored[value["id"]] = value["schema"]

    @classmethod
    def tearDownClass(cls):
        cls.node.kill()
        cls.broker.stop()

    def test_a_lookup_finds_the_stored_version(self):
        for probe in self.probes:
            with self.subTest(probe["writer"]):
                for query in ("", "?normalize=true"):
                    status, body = self.node.post("/subjects/%s%s" % (q(probe["subject"]), query), probe["request"])
                    self.assertEqual(status, 200, body)
                    self.assertEqual((body["subject"], body["version"], body["id"]), (probe["subject"], 1, probe["id"]))
                    self.assertEqual(body["schema"], self.stored[probe["id"]], "the stored text is served unchanged")

    def test_b_reregistering_writes_nothing(self):
        # Answered by any node from its own store, before (or without) a writer (Confluent alike).
        for probe in self.probes:
            with self.subTest(probe["writer"]):
                status, body = self.node.post("/subjects/%s/versions" % q(probe["subject"]), probe["request"])
                self.assertEqual(status, 200, body)
                self.assertEqual((body["id"], body["version"]), (probe["id"], 1))
                self.assertEqual(self.node.get("/subjects/%s/versions" % q(probe["subject"])), (200, [1]))

    def test_c_another_subject_reuses_the_id(self):
        wait_until(lambda: self.node.cluster().get("role") == "writer", timeout=60, message="writer elected")
        for probe in self.probes:
            with self.subTest(probe["writer"]):
                other = "moved-" + probe["subject"]
                status, body = self.node.post("/subjects/%s/versions" % q(other), probe["request"])
                self.assertEqual(status, 200, body)
                self.assertEqual(body["id"], probe["id"])
                self.assertEqual(self.node.get("/schemas/ids/%d/subjects" % probe["id"]),
                                 (200, sorted([probe["subject"], other])))
                self.assertEqual(self.node.get("/schemas/ids/%d/versions" % probe["id"]),
                                 (200, sorted([{"subject": probe["subject"], "version": 1},
                                               {"subject": other, "version": 1}], key=lambda v: v["subject"])))
                status, body = self.node.get("/subjects/%s/versions/1" % q(other))
                self.assertEqual(body["schema"], self.stored[probe["id"]], "one text per id")

    def test_d_references_are_indexed(self):
        self.assertEqual(self.node.get("/subjects/money.proto/versions/1/referencedby"), (200, [26]))
        self.assertEqual(self.node.get("/subjects/k-money-avro/versions/1/referencedby"), (200, [28]))

    def test_e_a_real_change_is_a_new_version(self):
        status, body = self.node.post("/subjects/c8-users-value/versions", {"schema": json.dumps(
            {"type": "record", "name": "User", "doc": "now documented",
             "fields": [{"name": "name", "type": "string"}, {"name": "age", "type": ["null", "int"], "default": None}]})})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["version"], 2)
        self.assertGreater(body["id"], 28, "a new id after the highest in the topic")


if __name__ == "__main__":
    harness.main()
