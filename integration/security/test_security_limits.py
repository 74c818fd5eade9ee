#!/usr/bin/python3
"""Every limit breached gives its error, and the node answers normally afterwards: body size
(413), header size (431), JSON nesting of a body (400), schema size (422/42209), schema
nesting (422/42201), number of references (422/42201), connections (503)."""
import json
import os
import socket
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness  # noqa: E402
from harness import http, q  # noqa: E402


def record(name, fields):
    return json.dumps({"type": "record", "name": name, "fields": fields})


class Limits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        settings = {"request.max.bytes": 65536, "http.header.max.bytes": 8192, "request.json.max.depth": 32,
                    "schema.max.bytes": 4000, "schema.max.depth": 40, "schema.max.references": 2,
                    "http.max.connections": 4}
        args = []
        for key, value in settings.items():
            args += ["--set", "%s=%s" % (key, value)]
        cls.node = harness.Node(args=args, name="limits")
        cls.node.start()

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    def assertServes(self):
        st, body = http("GET", self.node.url + "/subjects")
        self.assertEqual(st, 200, body)

    def assertError(self, resp, status, code):
        self.assertEqual(resp.status, status, resp.body)
        self.assertIsInstance(resp.body, dict, resp.body)
        self.assertEqual(resp.body.get("error_code"), code, resp.body)
        self.assertIsInstance(resp.body.get("message"), str)
        self.assertServes()

    def register(self, subject, schema, **extra):
        body = {"schema": schema}
        body.update(extra)
        return harness.request("POST", self.node.url + "/subjects/%s/versions" % q(subject), body)

    def test_body_too_large(self):
        schema = record("Big", [{"name": "f", "type": "string", "doc": "x" * 70000}])
        self.assertError(self.register("big", schema), 413, 413)

    def test_header_too_large(self):
        resp = harness.request("GET", self.node.url + "/subjects", headers={"X-Padding": "p" * 10000})
        self.assertError(resp, 431, 431)

    def test_body_nested_too_deep(self):
        body = "[" * 40 + "]" * 40
        resp = harness.request("POST", self.node.url + "/subjects/deep/versions", body)
        self.assertError(resp, 400, 400)
        self.assertIn("nests deeper", resp.body["message"])

    def test_schema_too_large(self):
        schema = record("Large", [{"name": "f%d" % i, "type": "int"} for i in range(200)])
        self.assertGreater(len(schema), 4000)
        self.assertError(self.register("large", schema), 422, 42209)

    def test_schema_nested_too_deep(self):
        schema = {"type": "int"}
        for _ in range(45):
            schema = {"type": "array", "items": schema}
        self.assertError(self.register("deep-schema", json.dumps(schema, separators=(",", ":"))), 422, 42201)

    def test_too_many_references(self):
        names = []
        for n in ("A", "B", "C"):
            resp = self.register("ref-" + n, record(n, [{"name": "x", "type": "int"}]))
            self.assertEqual(resp.status, 200, resp.body)
            names.append(n)
        refs = [{"name": n, "subject": "ref-" + n, "version": 1} for n in names]
        top = record("Top", [{"name": n.lower(), "type": n} for n in names])
        self.assertError(self.register("top", top, references=refs), 422, 42201)
        ok = self.register("top2", record("Top2", [{"name": "a", "type": "A"}]), references=refs[:1])
        self.assertEqual(ok.status, 200, ok.body)

    def test_too_many_connections(self):
        idle = []
        try:
            # Open connections until one is refused with 503 (the limit counts every open one).
            refused = None
            for _ in range(8):
                s = socket.create_connection(("127.0.0.1", self.node.port), timeout=10)
                idle.append(s)
                s.sendall(b"GET /subjects HTTP/1.1\r\nHost: x\r\n\r\n")
                answer = s.recv(65536)
                if answer.startswith(b"HTTP/1.1 503"):
                    refused = answer
                    break
            self.assertIsNotNone(refused, "no connection was refused")
            self.assertIn(b'"error_code":50', refused.split(b"\r\n\r\n", 1)[1])
        finally:
            for s in idle:
                s.close()
        harness.wait_until(lambda: http("GET", self.node.url + "/subjects")[0] == 200,
                           message="the node serving again once connections closed")


if __name__ == "__main__":
    harness.main()
