"""Bytes from Accord's serializers decode with python3-confluent-kafka's deserializers and
the other way round, against a live `accord serve` (via examples/accord-serde-tool)."""
import importlib
import json
import os
import shutil
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import harness  # noqa: E402


def tool_path():
    return os.path.join(os.path.dirname(os.path.dirname(harness.ACCORD)), "..", "examples", "accord-serde-tool")


def has(module):
    try:
        importlib.import_module(module)
        return True
    except ImportError:
        return False


JSON_SCHEMA = json.dumps({"title": "UserUpdated", "type": "object",
                          "properties": {"user_name": {"type": "string"}, "age": {"type": "integer"}},
                          "required": ["user_name"]})
PROTO = 'syntax = "proto3";\npackage interop;\nmessage UserUpdated {\n  string user_name = 1;\n  int32 age = 2;\n}\n'
AVRO = json.dumps({"type": "record", "name": "UserUpdated", "namespace": "interop",
                   "fields": [{"name": "user_name", "type": "string"}, {"name": "age", "type": "int"}]})


class InteropTest(harness.NodeCase):
    @classmethod
    def setUpClass(cls):
        cls.tool = os.path.abspath(tool_path())
        if not os.access(cls.tool, os.X_OK):
            raise unittest.SkipTest("accord-serde-tool not built at %s" % cls.tool)
        super().setUpClass()
        cls.tmp = harness.make_tmpdir("accord-interop-")

    def run_tool(self, args, stdin):
        proc = subprocess.run([self.tool] + args, input=stdin, capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout.strip()

    def schema_file(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def client(self):
        from confluent_kafka.schema_registry import SchemaRegistryClient
        return SchemaRegistryClient({"url": self.node.url})

    def ctx(self, topic):
        from confluent_kafka.serialization import MessageField, SerializationContext
        return SerializationContext(topic, MessageField.VALUE)

    @unittest.skipUnless(has("jsonschema"), "python3-jsonschema is not installed")
    def test_json_both_ways(self):
        from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
        event = {"user_name": "ada", "age": 36}
        hexed = self.run_tool(["serialize", self.node.url, "json-a", "json", self.schema_file("u.json", JSON_SCHEMA)],
                              json.dumps(event))
        decoded = JSONDeserializer(JSON_SCHEMA, from_dict=lambda d, ctx: d)(bytes.fromhex(hexed), self.ctx("json-a"))
        self.assertEqual(decoded, event)

        data = JSONSerializer(JSON_SCHEMA, self.client(), to_dict=lambda o, ctx: o)(event, self.ctx("json-b"))
        out = self.run_tool(["deserialize", self.node.url, "json"], data.hex())
        self.assertEqual(json.loads(out), event)

    def test_guid_wire_format_round_trip(self):
        # [8.0+] magic byte 1 + the schema's 16-byte GUID; the reader resolves it through
        # GET /schemas/guids/{guid}. Both framings of one value decode alike.
        event = {"user_name": "ada", "age": 36}
        schema = self.schema_file("g.json", JSON_SCHEMA)
        hexed = self.run_tool(["serialize-guid", self.node.url, "json-guid", "json", schema], json.dumps(event))
        data = bytes.fromhex(hexed)
        self.assertEqual(data[0], 1)
        status, latest = self.node.get("/subjects/json-guid-value/versions/latest")
        self.assertEqual(status, 200, latest)
        self.assertEqual(data[1:17].hex(), latest["guid"].replace("-", ""))
        status, ids = self.node.get("/schemas/guids/%s/ids" % latest["guid"])
        self.assertEqual((status, ids), (200, [{"context": ".", "id": latest["id"]}]))
        self.assertEqual(json.loads(data[17:]), event)
        self.assertEqual(json.loads(self.run_tool(["deserialize", self.node.url, "json"], hexed)), event)
        by_id = self.run_tool(["serialize", self.node.url, "json-guid", "json", schema], json.dumps(event))
        self.assertEqual(bytes.fromhex(by_id)[0], 0)
        self.assertEqual(json.loads(self.run_tool(["deserialize", self.node.url, "json"], by_id)), event)

    @unittest.skipUnless(has("google.protobuf") and shutil.which("protoc"),
                         "python3-protobuf and protobuf-compiler are needed")
    def test_protobuf_both_ways(self):
        proto_dir = os.path.join(self.tmp, "proto")
        os.makedirs(proto_dir, exist_ok=True)
        with open(os.path.join(proto_dir, "interop_user.proto"), "w") as f:
            f.write(PROTO)
        subprocess.run(["protoc", "--python_out", proto_dir, "-I", proto_dir, "interop_user.proto"], check=True)
        sys.path.insert(0, proto_dir)
        pb2 = importlib.import_module("interop_user_pb2")
        from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer

        hexed = self.run_tool(["serialize", self.node.url, "proto-a", "protobuf", self.schema_file("u.proto", PROTO),
                               "interop.UserUpdated"], json.dumps({"user_name": "ada", "age": 36}))
        message = ProtobufDeserializer(pb2.UserUpdated)(bytes.fromhex(hexed), self.ctx("proto-a"))
        self.assertEqual((message.user_name, message.age), ("ada", 36))

        data = ProtobufSerializer(pb2.UserUpdated, self.client())(pb2.UserUpdated(user_name="bob", age=7),
                                                                    self.ctx("proto-b"))
        out = self.run_tool(["deserialize", self.node.url, "protobuf"], data.hex())
        self.assertEqual(json.loads(out), {"user_name": "bob", "age": 7})

    @unittest.skipUnless(has("fastavro"), "fastavro (needed by confluent_kafka's Avro serde) is not packaged in Debian 12")
    def test_avro_both_ways(self):
        from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
        event = {"user_name": "ada", "age": 36}
        hexed = self.run_tool(["serialize", self.node.url, "avro-a", "avro", self.schema_file("u.avsc", AVRO)],
                              json.dumps(event))
        self.assertEqual(AvroDeserializer(self.client())(bytes.fromhex(hexed), self.ctx("avro-a")), event)
        data = AvroSerializer(self.client(), AVRO)(event, self.ctx("avro-b"))
        self.assertEqual(json.loads(self.run_tool(["deserialize", self.node.url, "avro"], data.hex())), event)

    @unittest.skipUnless(has("avro"), "python3-avro (the legacy confluent_kafka.avro serde's encoder) is not installed")
    def test_avro_both_ways_legacy_serde(self):
        # Debian's client 1.7.0 has two Avro serdes: the new one needs fastavro, which Debian
        # does not package; the older confluent_kafka.avro one runs on python3-avro.
        from confluent_kafka import avro as legacy
        from confluent_kafka.avro.cached_schema_registry_client import CachedSchemaRegistryClient
        from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
        serde = MessageSerializer(CachedSchemaRegistryClient({"url": self.node.url}))
        event = {"user_name": "ada", "age": 36}
        hexed = self.run_tool(["serialize", self.node.url, "avro-legacy-a", "avro", self.schema_file("u.avsc", AVRO)],
                              json.dumps(event))
        self.assertEqual(serde.decode_message(bytes.fromhex(hexed)), event)
        data = serde.encode_record_with_schema("avro-legacy-b", legacy.loads(AVRO), {"user_name": "bob", "age": 7})
        self.assertEqual(json.loads(self.run_tool(["deserialize", self.node.url, "avro"], data.hex())),
                         {"user_name": "bob", "age": 7})


if __name__ == "__main__":
    harness.main()
