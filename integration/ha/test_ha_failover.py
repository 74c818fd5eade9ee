#!/usr/bin/python3
"""Three Accord nodes on one test broker, elected through the Kafka group: any node takes
writes (followers forward them), the writer hands over on SIGTERM and on kill -9 without
losing or duplicating an acknowledged registration, and a restarted writer rejoins as a
follower serving the same answers. Failover times are printed (docs/high-availability.md)."""

import ha_support
from ha_support import ClusterCase, Load, check_consistent, q, schema, wait_until
import harness


class Failover(ClusterCase):
    """Methods run in name order and share the cluster."""
    PREFIX = "fo"

    @classmethod
    def setUpClass(cls):
        cls.times = {}
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        for k, v in sorted(cls.times.items()):
            print("failover time after %s: %.2f s" % (k, v))

    def test_1_every_node_takes_writes_with_the_same_ids(self):
        c = self.cluster
        writer = c.writer()
        acks = []
        for i, node in enumerate(c.nodes):
            subject = "each-%d" % i
            body, r = c.register_until_ok(node, subject, schema("Each%d" % i))
            self.assertEqual(r.headers.get("x-accord-writer"), writer.url, "written by the elected writer")
            acks.append((0, subject, schema("Each%d" % i), body["id"], writer.url))
        # read-your-writes: the node that answered serves it at once, forwarded or not
        for i, node in enumerate(c.nodes):
            st, got = node.get("/subjects/each-%d/versions/1" % i)
            self.assertEqual((st, got["id"]), (200, acks[i][3]))
        check_consistent(self, c, acks)
        snapshots = [n.snapshot() for n in c.nodes]
        self.assertEqual(snapshots[0], snapshots[1])
        self.assertEqual(snapshots[0], snapshots[2])
        for n in c.nodes:
            status = n.cluster()
            self.assertEqual(status["role"], "writer" if n is writer else "follower")
            self.assertEqual(status["writer_url"], writer.url)
        # a lookup and a compatibility check are answered locally, even by followers
        follower = next(n for n in c.nodes if n is not writer)
        st, body = follower.post("/subjects/each-0", {"schema": schema("Each0")})
        self.assertEqual((st, body["id"]), (200, acks[0][3]))

    def test_1b_qualified_subjects_and_contexts_are_forwarded(self):
        # Contexts through a follower: the register, its CONTEXT record and DELETE /contexts
        # are written by the writer; every node then numbers and lists them alike.
        c = self.cluster
        writer = c.writer()
        follower = next(n for n in c.nodes if n is not writer)
        subject = ":.fo-ctx:orders"
        body, r = c.register_until_ok(follower, subject, schema("InCtx"))
        self.assertEqual(r.headers.get("x-accord-writer"), writer.url, "forwarded to the writer")
        self.assertEqual(body["id"], 1, "the context's own id sequence")
        c.caught_up()
        for n in c.nodes:
            self.assertEqual(n.get("/contexts"), (200, [".", ".fo-ctx"]), n.name)
            st, got = n.get("/schemas/ids/1?subject=%s" % q(subject))
            self.assertEqual((st, got["schema"]), (200, schema("InCtx")), n.name)
        st, err = follower.delete("/contexts/.fo-ctx")
        self.assertEqual((st, err["error_code"]), (422, 42211), "the writer's refusal passes through")
        for query in ("", "?permanent=true"):
            self.assertEqual(follower.delete("/subjects/%s%s" % (q(subject), query)), (200, [1]))
        st, _ = follower.delete("/contexts/.fo-ctx")
        self.assertEqual(st, 204)
        c.caught_up()
        for n in c.nodes:
            self.assertEqual(n.get("/contexts"), (200, ["."]), n.name)

    def failover(self, how):
        c = self.cluster
        old = c.writer()
        load = Load(c, threads=3, prefix="%s-load" % "".join(ch for ch in how if ch.isalnum())).start()
        wait_until(lambda: len(load.acked_by(old.url)) >= 5, timeout=60, message="writes before the %s" % how)
        if how == "sigterm":
            rc, clean = old.stop_clean(30)
            self.assertTrue(clean, "the writer exits on SIGTERM")
            self.assertEqual(rc, 0)
        else:
            old.kill()
        new = c.writer(timeout=90)
        self.assertIsNot(new, old)
        wait_until(lambda: len(load.acked_by(new.url)) >= 5, timeout=90, message="writes after the %s" % how)
        load.stop()
        seconds = load.failover_seconds(old.url, new.url)
        self.assertIsNotNone(seconds)
        self.times[how] = seconds
        print("\n%s of the writer: last write acknowledged by the old writer -> first by the new: %.2f s "
              "(%d writes acknowledged, errors by code: %s)"
              % (how, seconds, len(load.acked()), self.error_summary(load)))
        for _, status, body in load.errors:
            self.assertIsInstance(body, dict, body)
            self.assertIn(body.get("error_code"), ha_support.FAILOVER_CODES, (status, body))
        check_consistent(self, c, load.acked())
        return old

    @staticmethod
    def error_summary(load):
        out = {}
        for _, _, body in load.errors:
            code = body.get("error_code") if isinstance(body, dict) else body
            out[code] = out.get(code, 0) + 1
        return out

    def rejoin(self, old):
        c = self.cluster
        old.start()
        self.assertEqual(old.cluster()["role"], "follower")
        c.caught_up()
        expected = c.writer().snapshot()
        self.assertEqual(old.snapshot(), expected)
        body, r = c.register_until_ok(old, "rejoined-%d" % old.port, schema("Rejoined%d" % old.port))
        st, got = c.writer().get("/schemas/ids/%d" % body["id"])
        self.assertEqual(st, 200)

    def test_2_sigterm_hands_over(self):
        self.rejoin(self.failover("sigterm"))

    def test_3_kill9_loses_no_acknowledged_write(self):
        self.rejoin(self.failover("kill -9"))


if __name__ == "__main__":
    harness.main()
