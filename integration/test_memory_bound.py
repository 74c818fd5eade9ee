#!/usr/bin/python3
"""Memory does not grow with the registry: a node restarted on a store of 4,000 schemas and
one restarted on 64,000 (same cache bound) end within a few MiB of each other after reading
every id twice (the response cache keeps an answer asked for a second time, so it fills to
its bound). The state lives in RocksDB; what stays in memory is bounded by
accord.cache.bytes. (The state store of earlier releases held every schema in memory: about
1.5 KB each, 90 MB more for the larger registry.) Real figures: bench/run.sh --scale."""
import http.client
import os
import subprocess
import unittest

import harness
from harness import Node, make_tmpdir

CACHE_BYTES = 4 << 20
# Generous: allocator arenas and RocksDB's table readers move by a few MiB run to run.
MARGIN_BYTES = 16 << 20


def loggen():
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(harness.ACCORD))))
    return os.path.join(build, "bench", "accord-bench-loggen")


def status_bytes(pid, field):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no %s for pid %d" % (field, pid))


def rss_bytes(pid):
    return status_bytes(pid, "VmRSS")


def read_every_id(node, count):
    conn = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
    try:
        for schema_id in range(1, count + 1):
            for _ in range(2):  # the second request is the one whose answer is kept
                conn.request("GET", "/schemas/ids/%d" % schema_id)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200 or b'"schema"' not in body:
                    raise AssertionError("id %d: %d %r" % (schema_id, response.status, body[:200]))
    finally:
        conn.close()


class MemoryBound(unittest.TestCase):
    def measure(self, schemas):
        data = os.path.join(make_tmpdir("accord-it-memory-"), "data")
        subprocess.run([loggen(), "--data-dir", data, "--schemas", str(schemas), "--subjects", str(schemas // 10)],
                       check=True, stdout=subprocess.DEVNULL, timeout=120)
        node = Node(data_dir=data, name="memory-%d" % schemas, args=["--set", "accord.cache.bytes=%d" % CACHE_BYTES])
        node.start(timeout=180)  # applies the whole log into the store
        node.stop()
        node.start(timeout=60)  # restarts on the intact store
        try:
            at_start = rss_bytes(node.proc.pid)
            read_every_id(node, schemas)
            after_reads = rss_bytes(node.proc.pid)
            status, body = node.get("/accord/v1/cluster")
            self.assertEqual(status, 200)
            # A quarter of accord.cache.bytes holds answers: every id's is far more than that.
            self.assertGreater(body["response_cache_bytes"], CACHE_BYTES // 4 // 2,
                               "the response cache was filled to its bound")
        finally:
            node.stop()
        return at_start, after_reads

    @unittest.skipUnless(os.path.exists(loggen()), "accord-bench-loggen is not built")
    def test_rss_does_not_grow_with_the_number_of_schemas(self):
        small_start, small_read = self.measure(4000)
        large_start, large_read = self.measure(64000)
        print("RSS at start: %.1f MiB (4k schemas), %.1f MiB (64k); after reading every id: %.1f MiB, %.1f MiB"
              % (small_start / 2**20, large_start / 2**20, small_read / 2**20, large_read / 2**20))
        self.assertLess(large_start - small_start, MARGIN_BYTES)
        self.assertLess(large_read - small_read, MARGIN_BYTES)

    def peak_of_first_start(self, records):
        """VmHWM of a node that applies a log of `records` subjects sharing one 290 KB schema."""
        data = os.path.join(make_tmpdir("accord-it-memory-shared-"), "data")
        subprocess.run([loggen(), "--data-dir", data, "--schemas", str(records), "--subjects", str(records),
                        "--shared-fields", "2500"], check=True, stdout=subprocess.DEVNULL, timeout=120)
        node = Node(data_dir=data, name="memory-shared-%d" % records,
                    args=["--set", "accord.cache.bytes=%d" % CACHE_BYTES])
        node.start(timeout=180)  # applies the whole log into the store
        try:
            status, body = node.get("/subjects/bench-subject-%06d-value/versions/1" % (records - 1))
            self.assertEqual(status, 200, body)
            self.assertEqual(body["id"], 1)
            return status_bytes(node.proc.pid, "VmHWM")
        finally:
            node.stop()

    @unittest.skipUnless(os.path.exists(loggen()), "accord-bench-loggen is not built")
    def test_catching_up_on_large_records_reads_them_in_bounded_batches(self):
        # 40 records are 11 MiB of log, 400 are 116 MiB: a catch-up that read 4,096 records at
        # a time held all of them at once, with their decoded copies.
        small = self.peak_of_first_start(40)
        large = self.peak_of_first_start(400)
        print("peak RSS of a first start: %.1f MiB (40 records of 290 KB), %.1f MiB (400)"
              % (small / 2**20, large / 2**20))
        self.assertLess(large - small, 2 * MARGIN_BYTES)


if __name__ == "__main__":
    harness.main()
