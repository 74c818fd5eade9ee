#!/usr/bin/python3
"""`accord migrate` and `accord compare` between live registries: an Accord source with
references, soft-deleted versions, a soft-deleted subject, an id gap, configs and modes is
copied with every id and version kept; a second run changes nothing; --dry-run writes
nothing; a conflicting id stops the run before anything is written; a run killed with
SIGKILL completes when run again; a source that answers neither `deleted=true`, `/mode` nor
per-subject config (a small stand-in server) still migrates, with notes."""
import json
import os
import re
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import harness
from harness import Node, q
from ops_support import order_schema, populate, run_accord

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "security"))
from security_support import PASSWORDS, TlsNode, make_certificates, write_users  # noqa: E402


def migrate(source, target, *extra, env=None):
    result = run_accord("migrate", "--from", source, "--to", target, "--format", "json", "--quiet", *extra, env=env)
    report = json.loads(result.stdout) if result.stdout.strip().startswith("{") else None
    return result, report


class AccordToAccord(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.source = Node(name="migrate-source").start()
        populate(cls.source)

    @classmethod
    def tearDownClass(cls):
        cls.source.stop()

    def test_copy_keeps_everything_and_a_second_run_changes_nothing(self):
        target = Node(name="migrate-target").start()
        try:
            result, report = migrate(self.source.url, target.url)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertTrue(report["ok"], report)
            self.assertEqual(report["versions"], 8, report)
            self.assertEqual(report["imported"], 8, report)
            self.assertEqual(report["soft_deleted"], 2, report)  # orders-value v2, legacy-value v1
            self.assertTrue(report["comparison"]["equal"], report["comparison"])
            self.assertEqual(self.source.snapshot(), target.snapshot())
            self.assertEqual(target.get("/mode"), (200, {"mode": "READWRITE"}))

            before = target.snapshot()
            result, again = migrate(self.source.url, target.url)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual((again["imported"], again["soft_deleted"], again["settings"], again["skipped"]),
                             (0, 0, 0, 8), again)
            self.assertEqual(target.snapshot(), before)

            # The target goes on allocating after the migrated ids.
            status, body = target.register("new-subject", '"bytes"')
            self.assertEqual((status, body["id"]), (200, 9), body)
        finally:
            target.stop()

    def test_dry_run_writes_nothing(self):
        target = Node(name="migrate-dry").start()
        try:
            result, report = migrate(self.source.url, target.url, "--dry-run")
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual((report["dry_run"], report["imported"]), (True, 8))
            self.assertEqual(target.get("/subjects?deleted=true"), (200, []))
            self.assertEqual(target.get("/mode"), (200, {"mode": "READWRITE"}))
        finally:
            target.stop()

    def test_a_conflicting_id_stops_before_anything_is_written(self):
        target = Node(name="migrate-conflict").start()
        try:
            # Id 1 on the target is a different schema than the source's id 1 (money).
            self.assertEqual(target.register("elsewhere", '"double"')[0], 200)
            before = target.snapshot()
            result, report = migrate(self.source.url, target.url)
            self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
            self.assertFalse(report["ok"])
            self.assertTrue(any("id 1 " in c and "already bound to a different schema" in c
                                for c in report["conflicts"]), report["conflicts"])
            self.assertEqual(target.snapshot(), before, "a conflict must not write anything")
            text = run_accord("migrate", "--from", self.source.url, "--to", target.url, "--quiet")
            self.assertEqual(text.returncode, 1)
            self.assertIn("Migration stopped", text.stdout)
        finally:
            target.stop()

    def test_kill_9_during_migrate_then_run_again(self):
        target = Node(name="migrate-killed").start()
        try:
            result, _ = migrate(self.source.url, target.url, env={"ACCORD_TEST_CRASH_AT": "importing:4"})
            self.assertEqual(result.returncode, -9, result.stderr)
            status, subjects = target.get("/subjects?deleted=true")
            self.assertTrue(status == 200 and 0 < len(subjects), subjects)
            result, report = migrate(self.source.url, target.url)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertGreaterEqual(report["skipped"], 4, report)
            compare = run_accord("compare", self.source.url, target.url, "--quiet")
            self.assertEqual(compare.returncode, 0, compare.stdout)
            self.assertEqual(self.source.snapshot(), target.snapshot())
        finally:
            target.stop()

    def test_compare_reports_differences_and_exits_1(self):
        other = Node(name="compare-other").start()
        try:
            other.register("orders-value", order_schema(1))
            result = run_accord("compare", self.source.url, other.url, "--format", "json", "--quiet")
            self.assertEqual(result.returncode, 1, result.stderr)
            comparison = json.loads(result.stdout)
            self.assertFalse(comparison["equal"])
            kinds = {(d["kind"], d["where"]) for d in comparison["differences"]}
            self.assertIn(("subject", "money"), kinds)
            self.assertIn(("id", "orders-value version 1"), kinds)
            self.assertIn(("config", "global config"), kinds)
            self.assertIn(("mode", "mode of frozen-value"), kinds)
        finally:
            other.stop()


class OverHttpsWithBasicAuth(unittest.TestCase):
    """The REST commands against https:// nodes that require basic auth (the CA is given to
    OpenSSL through SSL_CERT_FILE)."""

    def test_migrate_and_compare_over_tls(self):
        work = harness.make_tmpdir("accord-it-tls-migrate-")
        certs = make_certificates(work)
        users = write_users(work)
        args = ["--set", "authentication.method=BASIC", "--set", "accord.auth.file=" + users,
                "--set", "ssl.certificate.location=" + certs["server.pem"],
                "--set", "ssl.key.location=" + certs["server.key"]]
        source = TlsNode(certs, name="tls-source", args=args).start()
        target = TlsNode(certs, name="tls-target", args=args).start()
        try:
            auth = ["--basic-auth", "admin:" + PASSWORDS["admin"]]
            env = {"SSL_CERT_FILE": certs["ca.pem"]}
            status, _ = harness.request("POST", source.url + "/subjects/tls-value/versions", {"schema": '"string"'},
                                        headers={"Authorization": "Basic " + __import__("base64").b64encode(
                                            ("admin:" + PASSWORDS["admin"]).encode()).decode()},
                                        context=source.context)
            self.assertEqual(status, 200)
            result, report = migrate(source.url, target.url, *auth, env=env)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual(report["imported"], 1, report)
            compare = run_accord("compare", source.url, target.url, *auth, "--quiet", env=env)
            self.assertEqual(compare.returncode, 0, compare.stdout + compare.stderr)
            # Without the CA the certificate is not trusted; without credentials the node refuses.
            untrusted = run_accord("compare", source.url, target.url, *auth, "--quiet")
            self.assertEqual(untrusted.returncode, 1)
            self.assertIn("certificate verify failed", untrusted.stderr)
            anonymous = run_accord("compare", source.url, target.url, "--quiet", env=env)
            self.assertEqual(anonymous.returncode, 1)
            self.assertIn("401", anonymous.stderr)
        finally:
            source.stop()
            target.stop()


class OverMutualTls(unittest.TestCase):
    """The CA and a client certificate given as options (no SSL_CERT_FILE): the target node
    requires a client certificate, the source does not."""

    def test_migrate_and_compare_with_client_certificates(self):
        work = harness.make_tmpdir("accord-it-mtls-migrate-")
        certs = make_certificates(work)
        tls = ["--set", "ssl.certificate.location=" + certs["server.pem"],
               "--set", "ssl.key.location=" + certs["server.key"]]
        source = TlsNode(certs, name="mtls-source", args=tls).start()
        target = TlsNode(certs, name="mtls-target", args=tls + [
            "--set", "ssl.truststore.location=" + certs["ca.pem"],
            "--set", "ssl.client.authentication=REQUIRED"]).start()
        try:
            status, _ = harness.request("POST", source.url + "/subjects/mtls-value/versions", {"schema": '"int"'},
                                        context=source.context)
            self.assertEqual(status, 200)
            ca = ["--ca-file", certs["ca.pem"]]
            result, report = migrate(source.url, target.url, *ca, "--to-cert-file", certs["client.pem"],
                                     "--to-key-file", certs["client.key"])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual(report["imported"], 1, report)
            both = ca + ["--cert-file", certs["client.pem"], "--key-file", certs["client.key"]]
            compare = run_accord("compare", source.url, target.url, *both, "--quiet")
            self.assertEqual(compare.returncode, 0, compare.stdout + compare.stderr)
            # Without the client certificate the target ends the handshake.
            refused = run_accord("compare", source.url, target.url, *ca, "--quiet")
            self.assertEqual(refused.returncode, 1, refused.stdout + refused.stderr)
            self.assertIn(target.url, refused.stderr)
            missing = run_accord("compare", source.url, target.url, "--ca-file", os.path.join(work, "none.pem"),
                                 "--quiet")
            self.assertEqual(missing.returncode, 1)
            self.assertIn("cannot load the TLS CA file", missing.stderr)
        finally:
            source.stop()
            target.stop()


class MinimalRegistry(BaseHTTPRequestHandler):
    """A registry that knows only the oldest endpoints: no `deleted=true` (400), no /mode
    (405), no per-subject config (405). Schemas: ids 10 and 12."""
    SUBJECTS = {
        "base": {1: (10, '"string"', [])},
        "user": {1: (12, json.dumps({"type": "record", "name": "U", "fields": [{"name": "n", "type": "string"}]}), [])},
    }

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/vnd.schemaregistry.v1+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if "deleted=true" in query:
            return self.answer(400, {"error_code": 400, "message": "Unrecognized field: deleted"})
        if path == "/subjects":
            return self.answer(200, sorted(self.SUBJECTS))
        if path == "/config":
            return self.answer(200, {"compatibilityLevel": "BACKWARD"})
        if path.startswith("/mode") or path.startswith("/config/"):
            return self.answer(405, {"error_code": 405, "message": "HTTP 405 Method Not Allowed"})
        m = re.fullmatch(r"/subjects/([^/]+)/versions(?:/(\d+))?", path)
        if m and m.group(1) in self.SUBJECTS:
            versions = self.SUBJECTS[m.group(1)]
            if m.group(2) is None:
                return self.answer(200, sorted(versions))
            v = int(m.group(2))
            if v in versions:
                schema_id, text, refs = versions[v]
                return self.answer(200, {"subject": m.group(1), "version": v, "id": schema_id, "schema": text})
        return self.answer(404, {"error_code": 40401, "message": "Subject not found."})


class FromALimitedRegistry(unittest.TestCase):
    def test_degrades_gracefully_and_reports_what_it_could_not_copy(self):
        server = ThreadingHTTPServer(("127.0.0.1", 0), MinimalRegistry)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        target = Node(name="from-limited").start()
        try:
            source = "http://127.0.0.1:%d" % server.server_address[1]
            result, report = migrate(source, target.url)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertEqual(report["imported"], 2, report)
            notes = " ".join(report["notes"])
            self.assertIn("soft-deleted", notes)
            self.assertIn("/mode", notes)
            self.assertIn("per-subject config", notes)
            self.assertEqual(target.get("/subjects/user/versions/1")[1]["id"], 12)
            self.assertEqual(target.get("/schemas/ids/10")[1]["schema"], '"string"')
            self.assertEqual(target.get("/mode"), (200, {"mode": "READWRITE"}))
        finally:
            target.stop()
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    harness.main()
