#!/usr/bin/python3
"""Bad input: malformed and mistyped bodies, oversized bodies, unknown paths, wrong methods,
invalid subjects and versions, invalid schemas. Every answer is an error body with the
right status and code, and the node keeps answering GET / afterwards (rest-api.md §1.2, §4)."""
import itertools
import socket

import harness
from harness import NodeCase, q

MAX_BYTES = 4096
_seq = itertools.count(1)

GOOD = '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}'
VERSION_MSG = ("The specified version '%s' is not a valid version id. Allowed values are between "
               "[1, 2^31-1] and the string \"latest\"")


def subject():
    return "bad-%d" % next(_seq)


class BadInput(NodeCase):
    NODE_ENV = {"ACCORD_REQUEST_MAX_BYTES": str(MAX_BYTES)}

    def tearDown(self):
        self.assertAlive()

    def post_raw(self, path, data, content_type=harness.CT):
        return harness.http("POST", self.node.url + path, data, content_type=content_type)

    def test_malformed_json(self):
        path = "/subjects/%s/versions" % subject()
        for data in ('{"schema": ', "{not json}", '{"schema": "x",}', "\x00\x01", "[1, 2", '{"schema": "a"} trailing'):
            self.assertError(self.post_raw(path, data), 400, 400)
        self.assertError(harness.http("PUT", self.node.url + "/config", "{oops"), 400, 400)
        self.assertError(harness.http("PUT", self.node.url + "/mode", "{oops"), 400, 400)
        self.assertError(self.post_raw("/compatibility/subjects/x/versions/latest", "{oops"), 400, 400)
        self.assertError(self.post_raw("/subjects/x", "{oops"), 400, 400)

    def test_wrong_json_types(self):
        path = "/subjects/%s/versions" % subject()
        # the body is not an object
        for data in ("[]", '"schema"', "42", "true"):
            self.assertError(self.post_raw(path, data), 400, 400)
        # a field of the wrong type that Jackson cannot coerce to the declared type
        for body in ({"schema": {"type": "string"}}, {"schema": ["int"]},
                     {"schema": GOOD, "references": "nope"},
                     {"schema": GOOD, "references": [{"name": "a", "subject": "b", "version": "one"}]},
                     {"schema": GOOD, "version": "abc"},
                     {"schema": GOOD, "id": {"x": 1}}):
            self.assertError(self.node.post(path, body), 400, 400)
        # a number where a string is expected: Jackson coerces 5 to "5", which is no Avro schema
        st, body = self.node.post(path, {"schema": 5})
        self.assertIn((st, body.get("error_code") if isinstance(body, dict) else None), [(400, 400), (422, 42201)],
                      (st, body))
        self.assertError(self.node.put("/config", {"compatibility": ["FULL"]}), 400, 400)
        self.assertError(self.node.put("/mode", {"mode": {"x": 1}}), 400, 400)
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(path.split("/")[2]))[0], 404)

    def test_missing_schema(self):
        # no schema text and no previous version to reuse
        self.assertError(self.node.post("/subjects/%s/versions" % subject(), {}), 422, 42201)
        self.assertError(self.node.post("/subjects/%s/versions" % subject(), {"schema": ""}), 422, 42201)

    def test_body_too_large(self):
        big = '{"schema": "%s"}' % ("x" * (MAX_BYTES * 3))
        r = harness.request("POST", self.node.url + "/subjects/%s/versions" % subject(), big)
        self.assertEqual(r.status, 413, r.body)
        self.assertIsInstance(r.body, dict, r.body)
        self.assertEqual(r.body.get("error_code"), 413, r.body)
        self.assertIsInstance(r.body.get("message"), str)
        # a body just under the limit is read normally
        small = {"schema": GOOD, "pad": "y" * (MAX_BYTES - 200)}
        self.assertEqual(self.node.post("/subjects/%s/versions" % subject(), small)[0], 200)

    def test_deeply_nested_json(self):
        depth = (MAX_BYTES - 100) // 2
        st, body = self.post_raw("/subjects/%s/versions" % subject(), "[" * depth + "]" * depth)
        self.assertError((st, body), 400, 400)
        st, body = self.post_raw("/subjects/%s/versions" % subject(), '{"schema":' + "[" * depth)
        self.assertError((st, body), 400, 400)

    def test_unknown_paths(self):
        for path in ("/nope", "/subjects/a/b/c/d/e", "/schemas/ids", "/schemas/ids/1/nope",
                     "/subjects/a/versions/1/schema/extra", "/config/a/b", "/v2/metadata/id"):
            self.assertError(self.node.get(path), 404, 404, "HTTP 404 Not Found")

    def test_non_numeric_schema_id(self):
        # {id} is an int path parameter: a non-number matches no route
        for path in ("/schemas/ids/abc", "/schemas/ids/1x/schema"):
            st, body = self.node.get(path)
            self.assertEqual(st, 404, (path, body))
            self.assertIsInstance(body, dict)
            self.assertIn(body.get("error_code"), (404, 40403), (path, body))

    def test_wrong_methods(self):
        for method, path in (("PATCH", "/subjects"), ("DELETE", "/schemas/types"), ("PUT", "/subjects/a/versions"),
                             ("POST", "/schemas/ids/1"), ("PUT", "/schemas/ids/1"), ("POST", "/config/a"),
                             ("PATCH", "/mode"), ("DELETE", "/compatibility/subjects/a/versions/1")):
            st, body = harness.http(method, self.node.url + path, "{}" if method in ("PUT", "POST", "PATCH") else None)
            self.assertError((st, body), 405, 405)

    def test_invalid_subjects(self):
        for name in ("__GLOBAL", "__EMPTY", "a\x01b", "tab\there", "nl\nx"):
            msg = "The specified subject '%s' is not a valid." % name
            self.assertError(self.node.post("/subjects/%s/versions" % q(name), {"schema": GOOD}), 422, 42208, msg)
            self.assertError(self.node.put("/config/%s" % q(name), {"compatibility": "NONE"}), 422, 42208, msg)
            self.assertError(self.node.put("/mode/%s" % q(name), {"mode": "READONLY"}), 422, 42208, msg)
        self.assertNotIn("__GLOBAL", self.assertOk(self.node.get("/subjects?deleted=true")))

    def test_invalid_versions(self):
        s = subject()
        self.assertOk(self.node.post("/subjects/%s/versions" % s, {"schema": GOOD}))
        for v in ("0", "-2", "-100", "abc", "1e3", "2147483648", "99999999999", "lat est"):
            msg = VERSION_MSG % v
            self.assertError(self.node.get("/subjects/%s/versions/%s" % (s, q(v))), 422, 42202, msg)
            self.assertError(self.node.get("/subjects/%s/versions/%s/schema" % (s, q(v))), 422, 42202, msg)
            self.assertError(self.node.delete("/subjects/%s/versions/%s" % (s, q(v))), 422, 42202, msg)
        self.assertEqual(self.node.get("/subjects/%s/versions/2147483647" % s)[1].get("error_code"), 40402)

    def test_invalid_avro(self):
        cases = {
            "unknown type": '{"type":"record","name":"R","fields":[{"name":"a","type":"nosuch"}]}',
            "bad default": '{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}',
            "duplicate field": '{"type":"record","name":"R","fields":[{"name":"a","type":"int"},'
                               '{"name":"a","type":"long"}]}',
            "bad name": '{"type":"record","name":"1bad","fields":[{"name":"a","type":"int"}]}',
            "bad field name": '{"type":"record","name":"R","fields":[{"name":"a-b","type":"int"}]}',
            "no fields": '{"type":"record","name":"R"}',
            "not json": "this is not a schema",
            "unknown primitive": '"integer"',
            "enum without symbols": '{"type":"enum","name":"E"}',
            "duplicate enum symbol": '{"type":"enum","name":"E","symbols":["A","A"]}',
            "fixed without size": '{"type":"fixed","name":"F"}',
            "union in union": '[["int","null"],"string"]',
            "duplicate union branch": '["int","int"]',
            "array without items": '{"type":"array"}',
        }
        for what, schema in cases.items():
            with self.subTest(what):
                body = self.assertError(self.node.post("/subjects/%s/versions" % subject(), {"schema": schema}),
                                        422, 42201)
                self.assertTrue(body["message"], what)
        self.assertAlive()

    def test_unknown_schema_type(self):
        body = self.assertError(self.node.post("/subjects/%s/versions" % subject(),
                                               {"schema": GOOD, "schemaType": "XML"}), 422, 42201)
        self.assertIn("XML", body["message"])

    def test_bad_config_and_mode_values(self):
        self.assertError(self.node.put("/config", {"compatibility": "SIDEWAYS"}), 422, 42203)
        self.assertError(self.node.put("/config/%s" % subject(), {"compatibility": ""}), 422, 42203)
        self.assertError(self.node.put("/mode", {"mode": "SOMETIMES"}), 422, 42204)
        self.assertError(self.node.put("/mode/%s" % subject(), {"mode": ""}), 422, 42204)
        self.assertEqual(self.node.get("/config"), (200, {"compatibilityLevel": "BACKWARD"}))
        self.assertEqual(self.node.get("/mode"), (200, {"mode": "READWRITE"}))

    def test_garbage_on_the_socket(self):
        for junk in (b"garbage\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",
                     b"POST /subjects/x/versions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{",
                     b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", self.node.port), timeout=10) as s:
                try:
                    s.sendall(junk)
                    s.shutdown(socket.SHUT_WR)
                    s.recv(65536)   # an error answer or a close, never a hang past the timeout
                except (ConnectionResetError, BrokenPipeError):
                    pass
            self.assertAlive()


if __name__ == "__main__":
    harness.main()
