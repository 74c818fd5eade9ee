#!/usr/bin/python3
"""A write sent to a follower is forwarded over TLS (both nodes https://, client
certificates required) with the caller's identity: the writer authenticates and authorizes
it again under its own users file. Here the follower's file lets `writer` write every
subject and the writer's file only `orders-*`, so a forwarded write of `payments-value`
is refused by the writer (403), while `orders-value` is written by it."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from security_support import TlsNode, basic, make_certificates, pbkdf2, request, PASSWORDS  # noqa: E402
import harness  # noqa: E402

ENV = {"ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS": "20",
       "ACCORD_KAFKAGROUP_SESSION_TIMEOUT_MS": "3000",
       "ACCORD_KAFKAGROUP_HEARTBEAT_INTERVAL_MS": "1000",
       "ACCORD_KAFKASTORE_TIMEOUT_MS": "5000"}
SCHEMA = json.dumps({"type": "record", "name": "F", "fields": [{"name": "a", "type": "int"}]})


def users_file(directory, name, writer_resource):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump({"users": [
            {"username": "writer", "password_hash": pbkdf2(PASSWORDS["writer"], os.urandom(16)),
             "permissions": [{"operation": "write", "resource": writer_resource}]},
            {"username": "admin", "password_hash": pbkdf2(PASSWORDS["admin"], os.urandom(16)),
             "permissions": [{"operation": "admin", "resource": "*"}]}]}, f)
    return path


class ForwardedIdentity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not harness.Broker.available():
            raise unittest.SkipTest("the test broker is not built: " + harness.BROKER)
        work = harness.make_tmpdir("accord-sec-fwd-")
        cls.certs = make_certificates(work)
        tls = ["--set", "ssl.certificate.location=" + cls.certs["server.pem"],
               "--set", "ssl.key.location=" + cls.certs["server.key"],
               "--set", "ssl.truststore.location=" + cls.certs["ca.pem"],
               "--set", "ssl.client.authentication=REQUIRED",
               "--set", "authentication.method=BASIC"]
        cls.broker = harness.Broker(topics=["_schemas:1"])
        cls.writer = TlsNode(cls.certs, name="fwd-writer", kafka=cls.broker, env=ENV,
                             args=tls + ["--set", "accord.auth.file=" + users_file(work, "w.json", "orders-*")])
        cls.follower = TlsNode(cls.certs, name="fwd-follower", kafka=cls.broker, env=ENV,
                               args=tls + ["--set", "accord.auth.file=" + users_file(work, "f.json", "*"),
                                           "--set", "leader.eligibility=false"])
        try:
            cls.writer.start()
            cls.follower.start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for n in (cls.follower, cls.writer):
            n.stop()
        cls.broker.stop()

    def call(self, node, method, path, body=None, user="writer"):
        return request(node.url, method, path, body=body, headers=basic(user), context=node.context)

    def register_via_follower(self, subject):
        # Until the writer is elected and announced, a write may answer a failover error.
        def attempt():
            resp = self.call(self.follower, "POST", "/subjects/%s/versions" % subject, {"schema": SCHEMA})
            if resp.status >= 500:
                return None
            return resp
        return harness.wait_until(attempt, timeout=90, message="a forwarded write answered")

    def test_forwarded_write_keeps_the_callers_identity(self):
        ok = self.register_via_follower("orders-value")
        self.assertEqual(ok.status, 200, ok.body)
        self.assertEqual(ok.headers.get("x-accord-writer"), self.writer.url)
        refused = self.register_via_follower("payments-value")
        self.assertEqual(refused.status, 403, refused.body)
        self.assertEqual(refused.body["error_code"], 40301)
        self.assertEqual(refused.headers.get("x-accord-writer"), None)
        # the follower reads what the writer wrote
        resp = self.call(self.follower, "GET", "/subjects/orders-value/versions", user="admin")
        self.assertEqual((resp.status, resp.body), (200, [1]))


if __name__ == "__main__":
    harness.main()
