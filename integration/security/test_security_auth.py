#!/usr/bin/python3
"""Authentication and authorization (docs/security.md): one table of requests x users (none,
wrong password, reader, writer, admin, bearer token) -> expected status, run against an
http:// node and an https:// node that requires client certificates; listings show only
what the user may read; a client without a certificate cannot connect to the https node."""
import json
import os
import ssl
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from security_support import (WRITER_TOKEN, TlsNode, basic, client_context, make_certificates,  # noqa: E402
                              request, write_users)
import harness  # noqa: E402

SCHEMA = json.dumps({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]})

USERS = {
    "none": {},
    "wrong": basic("reader", "not-the-password"),
    "reader": basic("reader"),
    "writer": basic("writer"),
    "admin": basic("admin"),
    "token": {"Authorization": "Bearer " + WRITER_TOKEN},
}
COLUMNS = ["none", "wrong", "reader", "writer", "admin", "token"]

# (method, path, body) -> statuses in COLUMNS order.
TABLE = [
    ("GET", "/health/ready", None, [200, 200, 200, 200, 200, 200]),
    ("GET", "/subjects", None, [401, 401, 200, 200, 200, 200]),
    ("POST", "/subjects/orders-value/versions", {"schema": SCHEMA}, [401, 401, 403, 200, 200, 200]),
    ("GET", "/subjects/orders-value/versions", None, [401, 401, 200, 200, 200, 200]),
    ("POST", "/subjects/orders-value", {"schema": SCHEMA}, [401, 401, 200, 200, 200, 200]),
    ("GET", "/subjects/payments-value/versions", None, [401, 401, 403, 403, 200, 403]),
    ("POST", "/subjects/payments-value/versions", {"schema": SCHEMA}, [401, 401, 403, 403, 200, 403]),
    ("PUT", "/config/orders-value", {"compatibility": "FULL"}, [401, 401, 403, 200, 200, 200]),
    ("GET", "/config", None, [401, 401, 200, 200, 200, 200]),
    ("PUT", "/config", {"compatibility": "BACKWARD"}, [401, 401, 403, 403, 200, 403]),
    ("PUT", "/mode", {"mode": "READWRITE"}, [401, 401, 403, 403, 200, 403]),
    ("GET", "/schemas/ids/1", None, [401, 401, 200, 200, 200, 200]),
    ("GET", "/metrics", None, [401, 401, 200, 200, 200, 200]),
]


class AuthTable:
    """Mixed into a TestCase with cls.node, cls.context."""

    def call(self, method, path, body=None, headers=None):
        return request(self.node.url, method, path, body=body, headers=headers, context=self.context)

    @classmethod
    def seed(cls):
        # payments-value exists (admin) so that an admin read answers 200 and others 403.
        resp = request(cls.node.url, "POST", "/subjects/payments-value/versions", {"schema": SCHEMA},
                       headers=basic("admin"), context=cls.context)
        assert resp.status == 200, resp

    def test_table(self):
        for method, path, body, expected in TABLE:
            for user, status in zip(COLUMNS, expected):
                with self.subTest(method=method, path=path, user=user):
                    resp = self.call(method, path, body, USERS[user])
                    self.assertEqual(resp.status, status, "%s %s as %s: %r" % (method, path, user, resp.body))
                    if status == 401:
                        self.assertEqual(resp.headers.get("www-authenticate"), 'Basic realm="accord"')
                        self.assertEqual(resp.body["error_code"], 401)
                        self.assertIsInstance(resp.body["message"], str)
                    if status == 403:
                        self.assertEqual(resp.body["error_code"], 40301)
                        self.assertIsInstance(resp.body["message"], str)

    def test_listings_show_only_readable_subjects(self):
        self.call("POST", "/subjects/orders-key/versions", {"schema": SCHEMA}, USERS["writer"])
        admin = self.call("GET", "/subjects", None, USERS["admin"]).body
        self.assertIn("payments-value", admin)
        reader = self.call("GET", "/subjects", None, USERS["reader"]).body
        self.assertTrue(reader and all(s.startswith("orders-") for s in reader), reader)
        schemas = self.call("GET", "/schemas", None, USERS["reader"]).body
        self.assertTrue(all(s["subject"].startswith("orders-") for s in schemas), schemas)
        versions = self.call("GET", "/schemas/ids/1/versions", None, USERS["reader"]).body
        self.assertTrue(all(v["subject"].startswith("orders-") for v in versions), versions)

    def test_schema_of_an_unreadable_subject_is_forbidden(self):
        other = json.dumps({"type": "record", "name": "P", "fields": [{"name": "p", "type": "long"}]})
        resp = self.call("POST", "/subjects/payments-key/versions", {"schema": other}, USERS["admin"])
        self.assertEqual(resp.status, 200, resp.body)
        resp = self.call("GET", "/schemas/ids/%d" % resp.body["id"], None, USERS["reader"])
        self.assertEqual(resp.status, 403, resp.body)
        self.assertEqual(resp.body["error_code"], 40301)


class HttpAuth(AuthTable, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        work = harness.make_tmpdir("accord-sec-")
        users = write_users(work)
        cls.context = None
        cls.node = harness.Node(args=["--set", "authentication.method=BASIC", "--set", "accord.auth.file=" + users],
                                name="http-auth")
        cls.node.start()
        cls.seed()

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()


class HttpsAuth(AuthTable, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        work = harness.make_tmpdir("accord-sec-tls-")
        users = write_users(work)
        cls.certs = make_certificates(work)
        cls.context = client_context(cls.certs)
        cls.node = TlsNode(cls.certs, name="https-auth", args=[
            "--set", "authentication.method=BASIC", "--set", "accord.auth.file=" + users,
            "--set", "ssl.certificate.location=" + cls.certs["server.pem"],
            "--set", "ssl.key.location=" + cls.certs["server.key"],
            "--set", "ssl.truststore.location=" + cls.certs["ca.pem"],
            "--set", "ssl.client.authentication=REQUIRED"])
        cls.node.start()
        cls.seed()

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    def test_client_without_certificate_is_refused(self):
        with self.assertRaises((ssl.SSLError, ConnectionError, OSError)):
            request(self.node.url, "GET", "/subjects", headers=USERS["admin"],
                    context=client_context(self.certs, with_client_cert=False))
        # and the node still serves
        self.assertEqual(self.call("GET", "/subjects", None, USERS["admin"]).status, 200)

    def test_plain_http_to_the_tls_port_gets_no_answer(self):
        url = self.node.url.replace("https://", "http://")
        with self.assertRaises((ConnectionError, OSError, Exception)):
            request(url, "GET", "/health/live", timeout=10)
        self.assertEqual(self.call("GET", "/health/live").status, 200)


if __name__ == "__main__":
    harness.main()
