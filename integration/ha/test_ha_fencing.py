#!/usr/bin/python3
"""The writer's two guards, on three nodes and one test broker: a writer paused (SIGSTOP)
past the session timeout while a write waits for it appends nothing once resumed (the
lease), and a writer whose producer is fenced (PRODUCER_FENCED injected by the broker)
fails the write, steps down, and the cluster elects a writer that accepts writes."""
import json
import threading
import time

from ha_support import SESSION_MS, ClusterCase, q, schema, try_request, wait_until
import harness


def nowhere(test, cluster, subject, text):
    """Neither the subject nor the schema exists on any node (after all caught up)."""
    cluster.caught_up()
    wanted = json.loads(text)
    for n in cluster.live():
        st, body = n.get("/subjects/%s/versions" % q(subject))
        test.assertEqual(st, 404, (n.name, body))
        st, schemas = n.get("/schemas")
        test.assertEqual(st, 200, (n.name, schemas))
        for s in schemas:
            test.assertNotEqual(json.loads(s["schema"]), wanted, (n.name, "the refused schema exists", s))


class Fencing(ClusterCase):
    PREFIX = "fe"

    def test_1_paused_writer_appends_nothing(self):
        c = self.cluster
        old = c.writer()
        follower = next(n for n in c.nodes if n is not old)
        c.register_until_ok(follower, "paused-before", schema("PausedBefore"))
        old.pause()
        paused_at = time.monotonic()
        try:
            # The follower forwards to the writer it knows; the request waits in the paused
            # writer's socket while the group moves the role elsewhere.
            text = schema("PausedWrite")
            result = {}
            waiting = threading.Thread(target=lambda: result.setdefault(
                "r", try_request(follower, "POST", "/subjects/paused-write/versions", {"schema": text}, timeout=120)))
            waiting.start()
            new = c.writer(timeout=90, exclude=(old,))
            # the session timeout has passed: another node was elected and takes writes
            self.assertGreater(time.monotonic() - paused_at, SESSION_MS / 1000.0)
            body, r = c.register_until_ok(new, "paused-after", schema("PausedAfter"))
            self.assertEqual(r.headers.get("x-accord-writer"), new.url)
        finally:
            old.resume()
        waiting.join(150)
        self.assertFalse(waiting.is_alive())
        r = result.get("r")
        self.assertIsNotNone(r, "the waiting write is answered")
        self.assertNotEqual(r.status, 200, "the resumed writer must not have written it: %r" % (r.body,))
        self.assertIsInstance(r.body, dict, r.body)
        self.assertIn(r.body.get("error_code"), (50003, 50004), r.body)
        # the old writer learns it lost the role and becomes a follower
        wait_until(lambda: old.cluster()["role"] == "follower", timeout=60, message="old writer is a follower")
        nowhere(self, c, "paused-write", text)
        # and the cluster goes on, through the old writer too
        c.register_until_ok(old, "paused-later", schema("PausedLater"))

    def test_2_fenced_writer_steps_down(self):
        c = self.cluster
        c.broker.require_control()  # the fencing error is injected by the test broker
        old = c.writer()
        c.register_until_ok(old, "fence-before", schema("FenceBefore"))
        # PRODUCER_FENCED (90) on the next AddPartitionsToTxn (24): what a newer writer's
        # init_transactions does to an older producer on real Kafka.
        c.broker.command("err 24 90")
        text = schema("FencedWrite")
        r = old.request("POST", "/subjects/fenced-write/versions", {"schema": text})
        self.assertEqual(r.status, 500, r.body)
        self.assertEqual(r.body.get("error_code"), 50001, r.body)
        self.assertIn("_FENCED", r.body.get("message", ""))
        self.assertIn("stepping down", old.log_text())
        nowhere(self, c, "fenced-write", text)
        # a writer is elected (after the fenced one left the group) and accepts writes
        new = c.writer(timeout=90)
        body, r = c.register_until_ok(new, "fence-after", schema("FenceAfter"))
        self.assertEqual(r.headers.get("x-accord-writer"), new.url)
        for n in c.live():
            wait_until(lambda: n.get("/schemas/ids/%d" % body["id"])[0] == 200, timeout=30,
                       message="%s serves the new writer's write" % n.name)


if __name__ == "__main__":
    harness.main()
