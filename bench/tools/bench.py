#!/usr/bin/python3
"""Helpers of bench/run.sh (Python stdlib only).

  free-port                                 print a free loopback TCP port
  wait-ready --port P [--since NS] [--timeout S]
                                            poll /health/ready until 200; print seconds since NS
  wait-writable --port P [--timeout S]     register a warm-up schema until a write succeeds; print seconds
  load --port P --schemas N --subjects M [--clients C]
                                            register N Avro schemas (N/M versions in each of M
                                            subjects) over C keep-alive connections; print the rate
  mirror --port P --schemas N --subjects M --root DIR --paths-ids F --paths-latest F
                                            fetch every /schemas/ids/{id} and
                                            /subjects/{s}/versions/latest body once, check it, and
                                            write it under DIR at the same path (for nginx);
                                            write the wrk walk lists
  compare --port-a P --port-b Q --paths F [--sample K]
                                            both servers answer the sampled paths with 200 and
                                            byte-identical bodies
  wrk-parse FILE                            requests/s, p50 ms, p99 ms, bad responses of a wrk run
  rss --pid PID                             VmRSS in MiB
  id-paths --count N --out F [--seed S]     /schemas/ids/1..N in a shuffled order (a walk list)
  mirror-paths --port P --paths F --root DIR [--first K] [--connections C]
                                            fetch the first K paths of F, check they are 200
                                            with a schema, write each body under DIR (nginx)
  put-table --out F --table F --marker M --new-head TEXT
                                            put the table between F's <!-- M:begin/end -->
                                            markers (the text around them is kept); a file
                                            or markers missing: the markers go after TEXT
"""
import argparse
import http.client
import json
import os
import re
import socket
import sys
import threading
import time

CT = "application/vnd.schemaregistry.v1+json"


def subject_name(s):
    return "bench-read-%05d-value" % s


def schema_text(s, v):
    # Version v of subject s: one optional field more than version v-1 (BACKWARD compatible).
    fields = [{"name": "id", "type": "string"}, {"name": "ts", "type": "long"},
              {"name": "payload", "type": "string"}]
    for i in range(2, v + 1):
        fields.append({"name": "extra%d" % i, "type": ["null", "string"], "default": None})
    return json.dumps({"type": "record", "name": "Read%d" % s, "namespace": "bench.accord",
                       "fields": fields}, separators=(",", ":"))


def conn(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=60)


def request(c, method, path, body=None):
    headers = {"Content-Type": CT} if body is not None else {}
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    return r.status, r.read()


def cmd_free_port(_):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def cmd_wait_ready(a):
    deadline = time.time() + a.timeout
    since = a.since / 1e9 if a.since else time.time()
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=2)
            status, _ = request(c, "GET", "/health/ready")
            c.close()
            if status == 200:
                print("%.3f" % (time.time() - since))
                return 0
        except OSError:
            pass
        time.sleep(0.005)
    print("not ready after %d s" % a.timeout, file=sys.stderr)
    return 1


def cmd_wait_writable(a):
    """Registers a warm-up schema until it succeeds: on Kafka, /health/ready is 200 before
    a writer is elected (writes answer 50004 "Leader not known" meanwhile)."""
    since = time.time()
    deadline = since + a.timeout
    body = json.dumps({"schema": '{"type":"record","name":"Warmup","fields":[]}'})
    last = ""
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=10)
            status, data = request(c, "POST", "/subjects/bench-warmup/versions", body)
            c.close()
            if status == 200:
                print("%.3f" % (time.time() - since))
                return 0
            last = "%d %s" % (status, data[:200])
        except OSError as e:
            last = str(e)
        time.sleep(0.05)
    print("no write accepted within %d s: %s" % (a.timeout, last), file=sys.stderr)
    return 1


def cmd_load(a):
    versions = a.schemas // a.subjects
    # Work items: version-major, so concurrent clients hit different subjects and a
    # subject's versions are registered in order (each waits for the previous round).
    errors = []
    lock = threading.Lock()
    start = time.time()
    for v in range(1, versions + 1):
        todo = list(range(a.subjects))

        def worker():
            c = conn(a.port)
            while True:
                with lock:
                    if not todo or errors:
                        break
                    s = todo.pop()
                body = json.dumps({"schema": schema_text(s, v)})
                try:
                    status, data = request(c, "POST", "/subjects/%s/versions" % subject_name(s), body)
                except OSError as e:
                    with lock:
                        errors.append("POST %s v%d: %s" % (subject_name(s), v, e))
                    break
                if status != 200 or b'"id"' not in data:
                    with lock:
                        errors.append("POST %s v%d: %d %s" % (subject_name(s), v, status, data[:200]))
            c.close()

        threads = [threading.Thread(target=worker) for _ in range(a.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            print("load failed: " + errors[0], file=sys.stderr)
            return 1
    secs = time.time() - start
    print("%d %.2f %.0f" % (a.schemas, secs, a.schemas / secs))
    return 0


def write_body(root, path, body):
    file = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(file), exist_ok=True)
    with open(file, "wb") as f:
        f.write(body)


def cmd_mirror(a):
    c = conn(a.port)
    versions = a.schemas // a.subjects
    ids = []
    for i in range(1, a.schemas + 1):
        path = "/schemas/ids/%d" % i
        status, body = request(c, "GET", path)
        doc = json.loads(body) if status == 200 else None
        if not doc or "schema" not in doc or not doc["schema"].startswith('{"type":"record"'):
            print("wrong answer: GET %s -> %d %s" % (path, status, body[:200]), file=sys.stderr)
            return 1
        write_body(a.root, path, body)
        ids.append(path)
    latest = []
    for s in range(a.subjects):
        path = "/subjects/%s/versions/latest" % subject_name(s)
        status, body = request(c, "GET", path)
        doc = json.loads(body) if status == 200 else None
        if not doc or doc.get("subject") != subject_name(s) or doc.get("version") != versions \
                or json.loads(doc["schema"]) != json.loads(schema_text(s, versions)):
            print("wrong answer: GET %s -> %d %s" % (path, status, body[:200]), file=sys.stderr)
            return 1
        write_body(a.root, path, body)
        latest.append(path)
    with open(a.paths_ids, "w") as f:
        f.write("\n".join(ids) + "\n")
    with open(a.paths_latest, "w") as f:
        f.write("\n".join(latest) + "\n")
    return 0


def cmd_id_paths(a):
    import random
    ids = list(range(1, a.count + 1))
    random.Random(a.seed).shuffle(ids)
    with open(a.out, "w") as f:
        f.write("".join("/schemas/ids/%d\n" % i for i in ids))
    return 0


def cmd_mirror_paths(a):
    with open(a.paths) as f:
        paths = [p for p in f.read().split("\n") if p][:a.first]
    failures = []

    def mirror(part):
        c = conn(a.port)
        for path in part:
            status, body = request(c, "GET", path)
            if status != 200 or b'"schema"' not in body:
                failures.append("wrong answer: GET %s -> %d %s" % (path, status, body[:200]))
                return
            write_body(a.root, path, body)

    # A few connections at once: a scale run mirrors hundreds of thousands of bodies.
    workers = [threading.Thread(target=mirror, args=(paths[k::a.connections],)) for k in range(a.connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if failures:
        print(failures[0], file=sys.stderr)
        return 1
    return 0


def cmd_compare(a):
    with open(a.paths) as f:
        paths = [p for p in f.read().split("\n") if p]
    step = max(1, len(paths) // a.sample)
    ca, cb = conn(a.port_a), conn(a.port_b)
    for path in paths[::step]:
        sa, ba = request(ca, "GET", path)
        sb, bb = request(cb, "GET", path)
        if sa != 200 or sb != 200 or ba != bb:
            print("bodies differ for %s: %d %r / %d %r" % (path, sa, ba[:120], sb, bb[:120]), file=sys.stderr)
            return 1
    return 0


def to_ms(text):
    m = re.match(r"([0-9.]+)(us|ms|s|m)$", text)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def cmd_wrk_parse(a):
    """Prints: requests/s p50_ms p99_ms bad (non-2xx responses + socket errors)."""
    text = open(a.file).read()
    rps = re.search(r"Requests/sec:\s+([0-9.]+)", text)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    if not (rps and p50 and p99):
        print("cannot parse wrk output %s" % a.file, file=sys.stderr)
        return 1
    bad = 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        bad += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        bad += int(m.group(1)) + int(m.group(2)) + int(m.group(3))
    print("%.0f %.3f %.3f %d" % (float(rps.group(1)), to_ms(p50.group(1)), to_ms(p99.group(1)), bad))
    return 0


def cmd_rss(a):
    with open("/proc/%d/status" % a.pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                print("%.0f" % (int(line.split()[1]) / 1024))
                return 0
    return 1


def cmd_put_table(a):
    table = open(a.table).read()
    begin, end = "<!-- %s:begin -->" % a.marker, "<!-- %s:end -->" % a.marker
    text = open(a.out).read() if os.path.exists(a.out) else ""
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
    else:
        head, tail = a.new_head.replace("{text}", text.rstrip("\n")), "\n"
    with open(a.out, "w") as f:
        f.write(head + begin + "\n" + table + end + tail)
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("free-port")
    w = sub.add_parser("wait-ready")
    w.add_argument("--port", type=int, required=True)
    w.add_argument("--since", type=int, default=0)
    w.add_argument("--timeout", type=int, default=120)
    ww = sub.add_parser("wait-writable")
    ww.add_argument("--port", type=int, required=True)
    ww.add_argument("--timeout", type=int, default=60)
    for name in ("load", "mirror"):
        s = sub.add_parser(name)
        s.add_argument("--port", type=int, required=True)
        s.add_argument("--schemas", type=int, required=True)
        s.add_argument("--subjects", type=int, required=True)
        s.add_argument("--clients", type=int, default=16)
        if name == "mirror":
            s.add_argument("--root", required=True)
            s.add_argument("--paths-ids", required=True)
            s.add_argument("--paths-latest", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--port-a", type=int, required=True)
    c.add_argument("--port-b", type=int, required=True)
    c.add_argument("--paths", required=True)
    c.add_argument("--sample", type=int, default=200)
    r = sub.add_parser("rss")
    r.add_argument("--pid", type=int, required=True)
    wp = sub.add_parser("wrk-parse")
    wp.add_argument("file")
    ip = sub.add_parser("id-paths")
    ip.add_argument("--count", type=int, required=True)
    ip.add_argument("--out", required=True)
    ip.add_argument("--seed", type=int, default=7)
    mp = sub.add_parser("mirror-paths")
    mp.add_argument("--port", type=int, required=True)
    mp.add_argument("--paths", required=True)
    mp.add_argument("--root", required=True)
    mp.add_argument("--first", type=int, default=1000)
    mp.add_argument("--connections", type=int, default=4)
    pt = sub.add_parser("put-table")
    for flag in ("--out", "--table", "--marker", "--new-head"):
        pt.add_argument(flag, required=True)
    a = p.parse_args()
    return {"free-port": cmd_free_port, "wait-ready": cmd_wait_ready, "wait-writable": cmd_wait_writable, "load": cmd_load, "mirror": cmd_mirror,
            "compare": cmd_compare, "rss": cmd_rss, "wrk-parse": cmd_wrk_parse,
            "id-paths": cmd_id_paths, "mirror-paths": cmd_mirror_paths, "put-table": cmd_put_table}[a.cmd](a) or 0


if __name__ == "__main__":
    sys.exit(main())
