#!/usr/bin/python3
"""GET /metrics in the Prometheus text exposition format (parsed here by a small parser of
that format): request counts and latency histograms per route template and status move as
requests are made; registrations and compatibility failures are counted; offsets, role and
store size are exposed; raw subject names never appear as label values."""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness  # noqa: E402
from harness import http, q  # noqa: E402

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$')
LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)')


def parse_exposition(text):
    """{(name, frozenset(labels.items())): value} and {family: type}; raises on a malformed line."""
    samples, types = {}, {}
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line.split(None, 3)
            if len(parts) >= 4 and parts[1] == "TYPE":
                types[parts[2]] = parts[3]
            elif len(parts) < 3 or parts[1] not in ("HELP", "TYPE"):
                pass  # a comment
            continue
        m = SAMPLE.match(line)
        if not m:
            raise ValueError("malformed sample line: %r" % line)
        name, labels_text, value = m.group(1), m.group(3) or "", m.group(4)
        labels = {}
        pos = 0
        while pos < len(labels_text):
            lm = LABEL.match(labels_text, pos)
            if not lm:
                raise ValueError("malformed labels: %r" % labels_text)
            labels[lm.group(1)] = lm.group(2).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
            pos = lm.end()
        samples[(name, frozenset(labels.items()))] = float(value)
    return samples, types


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


class Metrics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = harness.Node(name="metrics")
        cls.node.start()

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    def scrape(self):
        resp = harness.request("GET", self.node.url + "/metrics", accept="text/plain")
        self.assertEqual(resp.status, 200, resp.body)
        self.assertTrue(resp.headers["content-type"].startswith("text/plain"), resp.headers)
        return parse_exposition(resp.raw.decode())

    def test_counts_move_with_requests(self):
        before, types = self.scrape()
        self.assertEqual(types.get("accord_http_requests_total"), "counter")
        self.assertEqual(types.get("accord_http_request_duration_seconds"), "histogram")
        subject = "metrics-subject-xyz"
        schema = json.dumps({"type": "record", "name": "M", "fields": [{"name": "a", "type": "int"}]})
        for i in range(3):
            st, body = http("POST", self.node.url + "/subjects/%s/versions" % q(subject), {"schema": schema})
            self.assertEqual(st, 200, body)
        st, _ = http("GET", self.node.url + "/subjects/%s/versions/1" % q(subject))
        self.assertEqual(st, 200)
        st, _ = http("GET", self.node.url + "/subjects/no-such-subject/versions/1")
        self.assertEqual(st, 404)
        # an incompatible change: a check that says so, and a registration refused with 409
        incompatible = json.dumps({"type": "record", "name": "M", "fields": [{"name": "a", "type": "string"}]})
        st, body = http("POST", self.node.url + "/compatibility/subjects/%s/versions/latest" % q(subject),
                        {"schema": incompatible})
        self.assertEqual((st, body.get("is_compatible")), (200, False), body)
        st, _ = http("POST", self.node.url + "/subjects/%s/versions" % q(subject), {"schema": incompatible})
        self.assertEqual(st, 409)

        after, _ = self.scrape()
        register = dict(method="POST", route="/subjects/{subject}/versions", status="200")
        self.assertEqual(value(after, "accord_http_requests_total", **register)
                         - value(before, "accord_http_requests_total", **register), 3)
        self.assertEqual(value(after, "accord_http_requests_total", method="GET",
                               route="/subjects/{subject}/versions/{version}", status="404"), 1)
        self.assertEqual(value(after, "accord_schema_registrations_total")
                         - value(before, "accord_schema_registrations_total"), 3)
        self.assertEqual(value(after, "accord_compatibility_failures_total")
                         - value(before, "accord_compatibility_failures_total"), 2)
        count = value(after, "accord_http_request_duration_seconds_count",
                      method="POST", route="/subjects/{subject}/versions")
        self.assertGreaterEqual(count, 4)
        inf = value(after, "accord_http_request_duration_seconds_bucket",
                    method="POST", route="/subjects/{subject}/versions", le="+Inf")
        self.assertEqual(inf, count)
        # bounded label values: no raw subject name anywhere
        for (name, labels) in after:
            for _, label_value in labels:
                self.assertNotIn("metrics-subject-xyz", label_value)
                self.assertNotIn("no-such-subject", label_value)

    def test_node_gauges(self):
        http("POST", self.node.url + "/subjects/gauge/versions", {"schema": '"string"'})
        samples, _ = self.scrape()
        self.assertEqual(value(samples, "accord_node_info", role="standalone"), 1)
        self.assertEqual(value(samples, "accord_node_info", role="writer"), 0)
        self.assertEqual(value(samples, "accord_ready"), 1)
        self.assertGreaterEqual(value(samples, "accord_store_schemas"), 1)
        self.assertIn(value(samples, "accord_store_compacting"), (0, 1))
        self.assertGreaterEqual(value(samples, "accord_log_applied_offset"), 0)
        self.assertGreaterEqual(value(samples, "accord_log_end_offset"), value(samples, "accord_log_applied_offset"))
        self.assertGreaterEqual(value(samples, "accord_http_open_connections"), 1)


class AccessLog(unittest.TestCase):
    """At log.level=debug every answer is one access line carrying the request id."""

    @classmethod
    def setUpClass(cls):
        cls.node = harness.Node(name="access-log", args=["--set", "log.level=debug"])
        cls.node.start()

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    def test_access_line_carries_the_request_id(self):
        resp = harness.request("GET", self.node.url + "/subjects/x/versions", headers={"X-Request-ID": "req-4711-abc"})
        self.assertEqual(resp.status, 404)
        self.assertEqual(resp.headers.get("x-request-id"), "req-4711-abc")
        harness.wait_until(lambda: "http access GET /subjects/x/versions 404 request_id=req-4711-abc"
                           in self.node.proc.log_text(), timeout=10, message="the access line in the log")
        generated = harness.request("GET", self.node.url + "/subjects").headers.get("x-request-id")
        self.assertTrue(generated)
        harness.wait_until(lambda: "request_id=%s" % generated in self.node.proc.log_text(), timeout=10,
                           message="the generated request id in the log")


if __name__ == "__main__":
    harness.main()
