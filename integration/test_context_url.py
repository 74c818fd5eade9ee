#!/usr/bin/python3
"""Confluent's request rewrites, through the real python3-confluent-kafka client: a client
whose base URL ends in /contexts/.team-a works inside that context (ids of its own, config
and mode of the context), and a subject alias redirects reads and writes to its target."""
import json
import unittest

import harness
from harness import NodeCase

try:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    IMPORT_ERROR = None
except ImportError as e:  # reported as a failure below, never silently passed
    IMPORT_ERROR = e


def avro(name, *fields):
    return json.dumps({"type": "record", "name": name,
                       "fields": [{"name": f, "type": "string"} for f in fields]}, separators=(",", ":"))


class ContextUrl(NodeCase):
    def setUp(self):
        self.assertIsNone(IMPORT_ERROR, "python3-confluent-kafka is required (scripts/setup.sh installs it)")

    def client(self, suffix=""):
        client = SchemaRegistryClient({"url": self.node.url + suffix})
        self.addCleanup(client.__exit__)
        return client

    def test_a_client_inside_a_context(self):
        team = self.client("/contexts/.team-a")
        plain = self.client()
        team_id = team.register_schema("orders-value", Schema(avro("Order", "id"), "AVRO"))
        plain_id = plain.register_schema("orders-value", Schema(avro("Other", "x", "y"), "AVRO"))
        # Each context numbers its own ids: the same number may name two schemas.
        self.assertEqual(self.node.get("/schemas/ids/%d?subject=%s" % (team_id, harness.q(":.team-a:")))[1]["schema"],
                         avro("Order", "id"))
        self.assertEqual(self.client("/contexts/.team-a").get_schema(team_id).schema_str, avro("Order", "id"))
        self.assertEqual(self.client().get_schema(plain_id).schema_str, avro("Other", "x", "y"))
        latest = team.get_latest_version("orders-value")
        self.assertEqual((latest.schema_id, latest.version), (team_id, 1))
        self.assertEqual(team.get_versions("orders-value"), [1])
        self.assertIn(":.team-a:orders-value", self.node.get("/subjects")[1])
        self.assertEqual(team.get_subjects(), [":.team-a:orders-value"])
        self.assertEqual(team.lookup_schema("orders-value", Schema(avro("Order", "id"), "AVRO")).version, 1)
        # Config and mode of the context itself, and of a subject in it.
        team.set_compatibility(level="FULL")
        self.assertEqual(self.node.get("/config/%s" % harness.q(":.team-a:"))[1]["compatibilityLevel"], "FULL")
        team.set_compatibility("orders-value", "NONE")
        self.assertEqual(self.node.get("/config/%s" % harness.q(":.team-a:orders-value"))[1]["compatibilityLevel"],
                         "NONE")
        self.assertEqual(plain.get_compatibility(), "BACKWARD")
        self.assertIn(".team-a", self.node.get("/contexts")[1])

    def test_a_context_name_with_a_colon_is_a_bad_request(self):
        status, body = self.node.get("/contexts/a:b/subjects")
        self.assertEqual(status, 400, body)
        self.assertEqual(body, {"error_code": 400, "message": "Context name 'a:b' cannot contain a colon"})


class SubjectAlias(NodeCase):
    def setUp(self):
        self.assertIsNone(IMPORT_ERROR, "python3-confluent-kafka is required (scripts/setup.sh installs it)")
        self.client = SchemaRegistryClient({"url": self.node.url})
        self.addCleanup(self.client.__exit__)

    def test_reads_and_writes_follow_the_alias(self):
        first = self.client.register_schema("orders-value", Schema(avro("Order", "id"), "AVRO"))
        status, body = self.node.put("/config/orders", {"alias": "orders-value"})
        self.assertEqual(status, 200, body)
        latest = self.client.get_latest_version("orders")
        self.assertEqual((latest.schema_id, latest.subject, latest.version), (first, "orders-value", 1))
        # A registration through the alias lands on the target, as in Confluent.
        self.assertEqual(self.node.put("/config/orders-value", {"compatibility": "NONE"})[0], 200)
        second = self.client.register_schema("orders", Schema(avro("Order", "id", "note"), "AVRO"))
        self.assertEqual(self.client.get_versions("orders-value"), [1, 2])
        self.assertEqual(self.client.get_latest_version("orders-value").schema_id, second)
        self.assertNotIn("orders", self.client.get_subjects())
        # The alias's own config stays addressable, and removing it ends the redirection.
        self.assertEqual(self.node.get("/config/orders")[1]["alias"], "orders-value")
        self.assertEqual(self.node.delete("/config/orders")[0], 200)
        self.assertEqual(self.node.get("/subjects/orders/versions")[1]["error_code"], 40401)


if __name__ == "__main__":
    harness.main()
