#!/usr/bin/python3
"""Takeover, contexts: a topic written by hand in Confluent 8's record format with two named
contexts (CONTEXT records), the same id naming different schemas in two contexts, a
reference resolved inside its context, context-level CONFIG and MODE records, the
`:.__GLOBAL:` config, an alias config, a metadata config, `guid`/`ts` fields in SCHEMA values
and a deleted context. A node reading it answers as a Confluent node would, before and after
a restart. Fixture: integration/fixtures/contexts_topic.jsonl."""
import json
import os
import unittest

import harness
from harness import Node, q, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDS = os.path.join(HERE, "fixtures", "contexts_topic.jsonl")

ORDER_A = '{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"id","type":"long"}]}'
ORDER_B = '{"type":"record","name":"Order","namespace":"com.acme.a","fields":[{"name":"sku","type":"string"}]}'


class TakeoverContexts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        harness.skip_without_kafka()
        cls.broker = harness.kafka(topics=["_schemas:1"])
        harness.produce_fixture(cls.broker, RECORDS)
        cls.node = Node(name="contexts", kafka=cls.broker, env={"ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS": "20"})
        cls.node.start()

    @classmethod
    def tearDownClass(cls):
        cls.node.kill()
        cls.broker.stop()

    def expect(self, path, body, status=200):
        self.assertEqual(self.node.get(path), (status, body), path)

    def check_reads(self, written=()):
        """What the fixture answers; `written`: subjects test_b registered since."""
        self.expect("/contexts", [".", ".team-a", ".team-b"])
        self.expect("/subjects", sorted([":.team-a:money", ":.team-a:orders-value", ":.team-a:payments-value",
                                         ":.team-b:audit-value", ":.team-b:orders-value", "orders-value",
                                         *written]))
        self.expect("/subjects?subjectPrefix=" + q(":.team-b:"), [":.team-b:audit-value", ":.team-b:orders-value"])
        # Id 1 is ORDER_A in the default context and ORDER_B in .team-a.
        self.assertEqual(self.node.get("/schemas/ids/1")[1]["schema"], ORDER_A)
        status, body = self.node.get("/schemas/ids/1?subject=" + q(":.team-a:orders-value"))
        self.assertEqual((status, body["schema"], body["subject"], body["version"]),
                         (200, ORDER_B, ":.team-a:orders-value", 1))
        self.assertEqual(self.node.get("/schemas/ids/1?subject=" + q(":.team-b:"))[0], 404)
        self.assertEqual(self.node.get("/schemas/ids/5?subject=" + q(":.team-b:") + "&fetchMaxId=true")[1]["maxId"], 6)
        self.assertEqual(self.node.get("/schemas/ids/1?fetchMaxId=true")[1]["maxId"], 2 if written else 1)
        self.expect("/schemas/ids/1/versions?subject=" + q(":.team-a:"), [{"subject": ":.team-a:orders-value", "version": 1}])
        # The unqualified reference of :.team-a:payments-value resolves to :.team-a:money.
        self.expect("/subjects/%s/versions/1/referencedby" % q(":.team-a:money"), [3])
        status, body = self.node.get("/subjects/%s/versions/1?format=resolved" % q(":.team-a:payments-value"))
        self.assertEqual(status, 200, body)
        self.assertIn('"units"', body["schema"])
        # Config: context record, then :.__GLOBAL:; the default context has its global record.
        self.assertEqual(self.node.get("/config/%s" % q(":.team-a:"))[1]["compatibilityLevel"], "NONE")
        self.assertEqual(self.node.get("/config/%s?defaultToGlobal=true" % q(":.team-a:payments-value"))[1]["compatibilityLevel"], "NONE")
        self.assertEqual(self.node.get("/config/%s?defaultToGlobal=true" % q(":.team-b:orders-value"))[1]["compatibilityLevel"], "FULL")
        self.assertEqual(self.node.get("/config/orders-value?defaultToGlobal=true")[1]["compatibilityLevel"], "BACKWARD")
        self.assertEqual(self.node.get("/config/%s" % q(":.__GLOBAL:"))[1]["compatibilityLevel"], "FULL")
        status, body = self.node.get("/config/%s" % q(":.team-b:audit-value"))
        self.assertEqual(body["defaultMetadata"], {"properties": {"owner": "team-b"}})
        # The alias lies in its subject's context: :.team-a:orders reads :.team-a:orders-value.
        self.assertEqual(self.node.get("/config/%s" % q(":.team-a:orders"))[1]["alias"], "orders-value")
        status, body = self.node.get("/subjects/%s/versions/1" % q(":.team-a:orders"))
        self.assertEqual((status, body["schema"], body["subject"]), (200, ORDER_B, ":.team-a:orders-value"))
        self.assertEqual(self.node.get("/mode/%s" % q(":.team-b:"))[1], {"mode": "READONLY"})
        # GUIDs: ORDER_A is id 1 in "." and id 5 in .team-b.
        guid = self.node.get("/schemas/ids/1")[1]["guid"]
        ids = self.node.get("/schemas/guids/%s/ids" % guid)[1]
        self.assertIn({"context": ".", "id": 1}, ids)
        self.assertIn({"context": ".team-b", "id": 5}, ids)
        self.assertNotIn(".team-a", [i["context"] for i in ids if i["id"] == 1])

    def test_a_reads_answer_like_confluent(self):
        self.check_reads()

    def test_b_writes_follow_each_context(self):
        wait_until(lambda: self.node.cluster().get("role") == "writer", timeout=60, message="writer elected")
        # .team-b is READONLY: the 8.1+ message names the context.
        status, body = self.node.post("/subjects/%s/versions" % q(":.team-b:new-value"), {"schema": ORDER_B})
        self.assertEqual((status, body["error_code"]), (422, 42205))
        self.assertEqual(body["message"], "Subject :.team-b:new-value in context :.team-b: is in read-only mode")
        # .team-a continues its own sequence (max 3), the default context its own (max 1).
        status, body = self.node.post("/subjects/%s/versions" % q(":.team-a:new-value"), {"schema": ORDER_A})
        self.assertEqual((status, body["id"]), (200, 4), body)
        status, body = self.node.post("/subjects/fresh-value/versions", {"schema": ORDER_B})
        self.assertEqual((status, body["id"]), (200, 2), body)
        # .team-a's NONE lets an incompatible version in.
        status, body = self.node.post("/subjects/%s/versions" % q(":.team-a:orders-value"), {"schema": ORDER_A})
        self.assertEqual((status, body["id"], body["version"]), (200, 4, 2), body)
        status, body = self.node.delete("/contexts/.team-a")
        self.assertEqual((status, body["error_code"]), (422, 42211))
        self.assertEqual(body["message"], "The specified context ':.team-a:' is not empty.")

    def test_c_a_restart_keeps_every_context(self):
        self.node.restart()
        self.check_reads(written=[":.team-a:new-value", "fresh-value"])
        self.assertEqual(self.node.get("/schemas/ids/4?subject=" + q(":.team-a:new-value"))[1]["schema"], ORDER_A)
        self.assertEqual(self.node.get("/schemas/ids/4?subject=" + q(":.team-a:") + "&fetchMaxId=true")[1]["maxId"], 4)
        self.assertEqual(self.node.get("/schemas/ids/2")[1]["schema"], ORDER_B)


if __name__ == "__main__":
    harness.main()
