#!/usr/bin/python3
"""Debian's python3-confluent-kafka (1.7.0) SchemaRegistryClient against a live node."""
import json
import unittest

import harness
from harness import NodeCase

try:
    from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient
    from confluent_kafka.schema_registry.error import SchemaRegistryError
    IMPORT_ERROR = None
except ImportError as e:  # reported as a failure below, never silently passed
    IMPORT_ERROR = e


def avro(name, fields, namespace=None):
    r = {"type": "record", "name": name}
    if namespace:
        r["namespace"] = namespace
    r["fields"] = fields
    return json.dumps(r, separators=(",", ":"))


V1 = avro("User", [{"name": "name", "type": "string"}])
V2 = avro("User", [{"name": "name", "type": "string"}, {"name": "age", "type": "int", "default": 0}])
V2_BAD = avro("User", [{"name": "name", "type": "string"}, {"name": "age", "type": "int"}])


class PythonClient(NodeCase):
    def setUp(self):
        self.assertIsNone(IMPORT_ERROR, "python3-confluent-kafka is required (scripts/setup.sh installs it)")
        self.client = SchemaRegistryClient({"url": self.node.url})
        self.addCleanup(self.client.__exit__)

    def test_register_and_get(self):
        sid = self.client.register_schema("users-value", Schema(V1, "AVRO"))
        self.assertIsInstance(sid, int)
        got = SchemaRegistryClient({"url": self.node.url}).get_schema(sid)  # no cache: asks the node
        self.assertEqual(got.schema_str, V1)
        self.assertEqual(got.schema_type, "AVRO")
        self.assertEqual(got.references, [])
        # a fresh client (no cache) re-registering gets the same id
        fresh = SchemaRegistryClient({"url": self.node.url})
        self.assertEqual(fresh.register_schema("users-value", Schema(V1, "AVRO")), sid)
        latest = self.client.get_latest_version("users-value")
        self.assertEqual((latest.schema_id, latest.subject, latest.version), (sid, "users-value", 1))
        self.assertEqual(latest.schema.schema_str, V1)
        self.assertEqual(latest.schema.schema_type, "AVRO")

        sid2 = self.client.register_schema("users-value", Schema(V2, "AVRO"))
        self.assertNotEqual(sid2, sid)
        self.assertEqual(self.client.get_versions("users-value"), [1, 2])
        v1 = self.client.get_version("users-value", 1)
        self.assertEqual((v1.schema_id, v1.version, v1.schema.schema_str), (sid, 1, V1))
        v2 = self.client.get_version("users-value", "latest")
        self.assertEqual((v2.schema_id, v2.version), (sid2, 2))
        self.assertIn("users-value", self.client.get_subjects())

        found = self.client.lookup_schema("users-value", Schema(V1, "AVRO"))
        self.assertEqual((found.schema_id, found.subject, found.version), (sid, "users-value", 1))

    def test_errors(self):
        with self.assertRaises(SchemaRegistryError) as cm:
            self.client.get_latest_version("no-such-subject")
        self.assertEqual((cm.exception.http_status_code, cm.exception.error_code), (404, 40401))
        with self.assertRaises(SchemaRegistryError) as cm:
            self.client.get_schema(987654)
        self.assertEqual((cm.exception.http_status_code, cm.exception.error_code), (404, 40403))
        with self.assertRaises(SchemaRegistryError) as cm:
            self.client.register_schema("broken", Schema('{"type":"nosuch"}', "AVRO"))
        self.assertEqual((cm.exception.http_status_code, cm.exception.error_code), (422, 42201))

    def test_compatibility(self):
        s = "compat-value"
        self.client.register_schema(s, Schema(V1, "AVRO"))
        self.assertTrue(self.client.test_compatibility(s, Schema(V2, "AVRO")))
        self.assertFalse(self.client.test_compatibility(s, Schema(V2_BAD, "AVRO")))
        self.assertFalse(self.client.test_compatibility(s, Schema(V2_BAD, "AVRO"), version=1))
        with self.assertRaises(SchemaRegistryError) as cm:
            self.client.register_schema(s, Schema(V2_BAD, "AVRO"))
        self.assertEqual((cm.exception.http_status_code, cm.exception.error_code), (409, 40901))

        self.assertEqual(self.client.get_compatibility(), "BACKWARD")
        self.assertEqual(self.client.set_compatibility(s, "none"), {"compatibility": "NONE"})
        self.assertEqual(self.client.get_compatibility(s), "NONE")
        self.assertTrue(self.client.test_compatibility(s, Schema(V2_BAD, "AVRO")))
        self.client.register_schema(s, Schema(V2_BAD, "AVRO"))
        self.assertEqual(self.client.get_versions(s), [1, 2])
        self.assertEqual(self.client.set_compatibility(level="FULL"), {"compatibility": "FULL"})
        try:
            self.assertEqual(self.client.get_compatibility(), "FULL")
        finally:
            self.client.set_compatibility(level="BACKWARD")

    def test_delete(self):
        s = "doomed-value"
        self.client.register_schema(s, Schema(V1, "AVRO"))
        self.client.register_schema(s, Schema(V2, "AVRO"))
        self.assertEqual(self.client.delete_version(s, 2), 2)
        self.assertEqual(self.client.get_versions(s), [1])
        self.assertEqual(self.client.delete_subject(s), [1])
        self.assertNotIn(s, self.client.get_subjects())
        with self.assertRaises(SchemaRegistryError) as cm:
            self.client.get_versions(s)
        self.assertEqual(cm.exception.error_code, 40401)
        # permanent: soft delete first, then ?permanent=true (the client does both)
        s2 = "doomed2-value"
        self.client.register_schema(s2, Schema(V1, "AVRO"))
        self.assertEqual(self.client.delete_subject(s2, permanent=True), [1])
        st, body = self.node.get("/subjects?deleted=true")
        self.assertEqual(st, 200)
        self.assertNotIn(s2, body)

    def test_references(self):
        money = avro("Money", [{"name": "units", "type": "long"}], namespace="com.acme")
        self.client.register_schema("money-value", Schema(money, "AVRO"))
        order = avro("Order", [{"name": "total", "type": "com.acme.Money"}], namespace="com.acme")
        ref = SchemaReference("com.acme.Money", "money-value", 1)
        sid = self.client.register_schema("order-value", Schema(order, "AVRO", [ref]))
        got = SchemaRegistryClient({"url": self.node.url}).get_schema(sid)
        self.assertEqual([(r.name, r.subject, r.version) for r in got.references],
                         [("com.acme.Money", "money-value", 1)])
        found = self.client.lookup_schema("order-value", Schema(order, "AVRO", [ref]))
        self.assertEqual(found.schema_id, sid)

    def test_qualified_subject(self):
        # Contexts: the client sends the qualified subject as it is, in paths and parameters.
        subject = ":.py-ctx:users-value"
        sid = self.client.register_schema(subject, Schema(V1, "AVRO"))
        other = self.client.register_schema(":.py-other:users-value", Schema(V2, "AVRO"))
        self.assertEqual((sid, other), (1, 1), "each context numbers its own ids")
        latest = SchemaRegistryClient({"url": self.node.url}).get_latest_version(subject)
        self.assertEqual((latest.schema_id, latest.subject, latest.version), (sid, subject, 1))
        self.assertEqual(latest.schema.schema_str, V1)
        self.assertEqual(self.client.get_version(":.py-other:users-value", 1).schema.schema_str, V2)
        found = SchemaRegistryClient({"url": self.node.url}).lookup_schema(subject, Schema(V1, "AVRO"))
        self.assertEqual((found.schema_id, found.version), (sid, 1))
        self.assertIn(subject, self.client.get_subjects())
        self.client.set_compatibility(subject_name=":.py-ctx:", level="NONE")
        self.assertEqual(self.client.get_compatibility(":.py-ctx:"), "NONE")
        # A schema by id inside a context: what a deserializer configured with the subject asks.
        status, body = self.node.get("/schemas/ids/%d?subject=%s" % (other, harness.q(":.py-other:users-value")))
        self.assertEqual((status, body["schema"]), (200, V2))


if __name__ == "__main__":
    harness.main()
