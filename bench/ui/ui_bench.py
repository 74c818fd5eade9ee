#!/usr/bin/python3
"""The catalog at scale: server time of catalog searches and first pages, and the UI's first
catalog page rendered in headless Chromium, on a node holding N subjects (bench/ui/run.sh).

  ui_bench.py --accord BIN --loggen BIN --subjects 10000,100000 [--requests 300] [--renders 7]

Prints one Markdown table row per measurement. Timings are reported, never asserted; a
wrong answer (a total that does not match what the data holds) fails the run."""
import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "integration"))
import ui_browser  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


class Node:
    def __init__(self, accord, data_dir):
        self.port = free_port()
        self.log = open(os.path.join(data_dir, "node.log"), "ab")
        self.proc = subprocess.Popen([accord, "serve", "--data-dir", data_dir, "--listeners",
                                      "http://127.0.0.1:%d" % self.port, "--set", "log.level=warn"],
                                     stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL)
        self.conn = None

    def wait_ready(self, timeout=900):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("accord exited with %s" % self.proc.returncode)
            try:
                if self.get("/health/ready")[0] == 200:
                    return
            except OSError:
                self.conn = None
            time.sleep(0.05)
        raise SystemExit("node not ready after %ds" % timeout)

    def get(self, path):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        body = response.read()
        return response.status, body

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


def timed(node, path, requests):
    """Median and p99 in ms of GET path over one keep-alive connection, and the last body."""
    node.get(path)  # warm
    samples = []
    body = None
    for _ in range(requests):
        t0 = time.perf_counter()
        status, raw = node.get(path)
        samples.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise SystemExit("GET %s -> %d %s" % (path, status, raw[:200]))
        body = json.loads(raw)
    return statistics.median(samples), percentile(samples, 99), body


def first_render(url, renders):
    """ms from navigation start to the catalog's first page on screen (the app's own
    performance mark), median of `renders` loads in a fresh headless Chromium."""
    browser = ui_browser.Browser()
    try:
        samples = []
        for _ in range(renders + 1):
            browser.driver.get("about:blank")
            browser.driver.get(url)
            browser.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#results tbody tr"), 120, "catalog rows")
            mark = browser.wait(lambda d: d.execute_script(
                "const m = performance.getEntriesByName('accord-rendered'); return m.length ? m[0].startTime : null;"),
                30, "render mark")
            samples.append(mark)
        return statistics.median(samples[1:])  # the first load fills the browser's caches
    finally:
        browser.quit()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--accord", required=True)
    ap.add_argument("--loggen", required=True)
    ap.add_argument("--subjects", default="10000,100000")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--renders", type=int, default=7)
    args = ap.parse_args()
    for n in (int(x) for x in args.subjects.split(",")):
        work = tempfile.mkdtemp(prefix="accord-ui-bench-")
        try:
            subprocess.run([args.loggen, "--data-dir", work, "--schemas", str(n), "--subjects", str(n),
                            "--governance", "1"], check=True, stdout=subprocess.DEVNULL)
            node = Node(args.accord, work)
            t0 = time.monotonic()
            node.wait_ready()
            first_start = time.monotonic() - t0
            node.stop()
            node = Node(args.accord, work)
            t0 = time.monotonic()
            node.wait_ready()
            start = time.monotonic() - t0
            try:
                t0 = time.perf_counter()
                status, _ = node.get("/accord/v1/catalog?limit=50")
                first_search = (time.perf_counter() - t0) * 1000
                if status != 200:
                    raise SystemExit("first search -> %d" % status)
                print("| %d subjects: start until ready | %.2f s first start (apply the log) | %.2f s restart on the store | |"
                      % (n, first_start, start))
                print("| %d subjects: first search after start | %.0f ms | describes every subject once (the index) | later searches below |"
                      % (n, first_search))
                cases = [
                    ("catalog first page", "/accord/v1/catalog?limit=50", n),
                    ("search, one match", "/accord/v1/catalog?q=event%d" % (n // 2), None),
                    ("search, 1/30 of subjects (a team)", "/accord/v1/catalog?q=team-7&limit=50", None),
                    ("search + filter", "/accord/v1/catalog?q=benchmark&producer=svc-3&limit=50", None),
                    ("filter only: consumer", "/accord/v1/catalog?consumer=svc-5&limit=50", None),
                    ("search, no match", "/accord/v1/catalog?q=nosuchword", 0),
                    ("map of one service", "/accord/v1/map?service=svc-4&limit=300", None),
                ]
                for name, path, expected_total in cases:
                    median, p99, body = timed(node, path, args.requests)
                    if expected_total is not None and body["total"] != expected_total:
                        raise SystemExit("%s: total %s, expected %s" % (path, body["total"], expected_total))
                    if name.startswith("search, one") and body["total"] < 1:
                        raise SystemExit("%s: no match" % path)
                    print("| %d subjects: %s | %.2f ms median | p99 %.2f ms | total %d, `%s` |"
                          % (n, name, median, p99, body["total"], path))
                render = first_render("http://127.0.0.1:%d/ui/subjects" % node.port, args.renders)
                print("| %d subjects: UI first catalog page, headless Chromium | %.0f ms | median of %d loads | navigation start to rows on screen |"
                      % (n, render, args.renders))
                sys.stdout.flush()
            finally:
                node.stop()
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
