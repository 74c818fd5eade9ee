"""Process-level test harness for Accord (Python standard library only).

What it gives a test file:

* ``main()``: parses ``--accord PATH`` / ``--broker PATH`` (the rest goes to unittest),
  runs the file's test cases verbosely, prints the logs of the processes involved in a
  failing test, and exits non-zero on failure.
* ``Node``: one ``accord serve`` process on a free loopback port with its own temporary
  data directory; start / wait_ready / stop (SIGTERM) / kill (SIGKILL) / pause (SIGSTOP) /
  resume (SIGCONT) / restart; REST helpers returning ``(status, body)``.
* ``kafka()``: the Kafka broker of a test: a fresh test broker (``Broker``,
  integration/broker/accord-test-broker, with its stdin command channel ``topic``, ``down``,
  ``up``, ``rtt``, ``err``), or, when ``ACCORD_TEST_BOOTSTRAP=host:port`` names one, an
  external broker such as real Kafka (``ExternalKafka``). Either way each test gets its own
  topics and election group (names with a random token), and ``Node(kafka=..., topic=...)``
  points a node at them.
* ``http()`` / ``request()``: one HTTP call with the Confluent content type.
* ``wait_until()``: poll a condition until it holds or a deadline passes (never bare sleeps).

Every process is started in its own process group and registered; it is terminated in the
test's cleanup, and again at interpreter exit (atexit) whatever happened.
"""
import argparse
import atexit
import http.client as httpclient
import json
import os
import queue
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

CT = "application/vnd.schemaregistry.v1+json"
CT_SR = "application/vnd.schemaregistry+json"
CT_JSON = "application/json"

# Filled by main() from the command line (or the environment, for running a file by hand).
ACCORD = os.environ.get("ACCORD_BIN", os.path.join(REPO, "build", "src", "cli", "accord"))
BROKER = os.environ.get("ACCORD_TEST_BROKER",
                        os.path.join(REPO, "build", "integration", "broker", "accord-test-broker"))

KEEP = bool(os.environ.get("ACCORD_IT_KEEP"))  # keep temp dirs for post-mortem

# An external Kafka broker (host:port) the Kafka suites use instead of starting a test broker
# (integration/real-kafka.sh). ACCORD_TEST_BROKER_CONTROL (host:port) names the command port
# of a test broker started by hand as that external broker (accord-test-broker --command-port):
# then topics are created through it, since the test broker has no CreateTopics.
EXTERNAL_BOOTSTRAP = os.environ.get("ACCORD_TEST_BOOTSTRAP", "").strip()
EXTERNAL_CONTROL = os.environ.get("ACCORD_TEST_BROKER_CONTROL", "").strip()

_procs = []          # every ManagedProcess ever started, in order
_tmpdirs = []        # temp dirs to remove at exit
_lock = threading.Lock()


# ----------------------------------------------------------------------------- utilities

def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(cond, timeout=30.0, interval=0.05, message="condition"):
    """Calls cond() until it returns a truthy value (returned) or timeout seconds passed
    (AssertionError naming the condition and the last value / exception seen)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = cond()
            if last:
                return last
        except Exception as e:  # a condition may fail while a process comes up
            last = e
        if time.monotonic() >= deadline:
            raise AssertionError("timed out after %.1fs waiting for %s (last: %r)" % (timeout, message, last))
        time.sleep(interval)


def make_tmpdir(prefix):
    d = tempfile.mkdtemp(prefix=prefix)
    with _lock:
        _tmpdirs.append(d)
    return d


def q(text):
    """URL-encodes one path segment (subject names)."""
    return urllib.parse.quote(str(text), safe="")


class Response:
    def __init__(self, status, body, headers, raw):
        self.status = status
        self.body = body          # parsed JSON, or text when not JSON, or None when empty
        self.headers = headers    # dict, lower-case names
        self.raw = raw            # bytes

    def __iter__(self):  # allows: status, body = request(...)
        return iter((self.status, self.body))

    def __repr__(self):
        return "Response(%d, %r)" % (self.status, self.body)


def request(method, url, body=None, headers=None, content_type=CT, accept=None, timeout=30.0, context=None):
    """One HTTP request. body: dict/list (sent as JSON), str/bytes (sent as is) or None.
    content_type: sent when a body is given (None: no header). context: the client's
    ssl.SSLContext for an https:// url. Returns a Response.
    Raises OSError when the server cannot be reached."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    data = None
    if body is not None:
        if isinstance(body, (dict, list, int, float, bool)):
            data = json.dumps(body).encode("utf-8")
        elif isinstance(body, str):
            data = body.encode("utf-8")
        else:
            data = bytes(body)
    hdrs = {}
    if data is not None and content_type is not None:
        hdrs["Content-Type"] = content_type
    if accept is not None:
        hdrs["Accept"] = accept
    if headers:
        hdrs.update(headers)
    if parts.scheme == "https":
        conn = httpclient.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=timeout)
    else:
        conn = httpclient.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        raw = resp.read()
        rheaders = {k.lower(): v for k, v in resp.getheaders()}
        status = resp.status
    finally:
        conn.close()
    text = raw.decode("utf-8", "replace")
    parsed = None
    if text:
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = text
    return Response(status, parsed, rheaders, raw)


def http(method, url, body=None, **kw):
    """(status, parsed JSON or text) of one request; see request()."""
    r = request(method, url, body, **kw)
    return r.status, r.body


# ----------------------------------------------------------------------------- processes

class ManagedProcess:
    """A child process in its own process group, output captured to a log file."""

    def __init__(self, name, argv, env=None, log_path=None, stdin=False, stdout_pipe=False, cwd=None):
        self.name = name
        self.argv = list(argv)
        self.log_path = log_path or os.path.join(make_tmpdir("accord-it-log-"), name + ".log")
        self._log = open(self.log_path, "ab")
        self._log.write(("=== %s: %s\n" % (time.strftime("%H:%M:%S"), " ".join(self.argv))).encode())
        self._log.flush()
        self.proc = subprocess.Popen(
            self.argv, env=env, cwd=cwd,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE if stdout_pipe else self._log,
            stderr=self._log,
            start_new_session=True)
        self.pid = self.proc.pid
        with _lock:
            _procs.append(self)

    def alive(self):
        return self.proc.poll() is None

    def returncode(self):
        return self.proc.poll()

    def signal(self, sig):
        if self.alive():
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                pass

    def wait_exit(self, timeout):
        """Waits up to timeout seconds for the process to exit; returns its exit code or None."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def terminate(self, timeout=20.0):
        """SIGTERM, then SIGKILL after timeout. Returns (exit code, True if it exited on SIGTERM)."""
        if not self.alive():
            self._close_log()
            return self.proc.returncode, True
        self.signal(signal.SIGCONT)  # a stopped process cannot handle SIGTERM
        self.signal(signal.SIGTERM)
        rc = self.wait_exit(timeout)
        clean = rc is not None
        if rc is None:
            self.kill()
            rc = self.proc.returncode
        self._close_log()
        return rc, clean

    def kill(self):
        """SIGKILL the whole process group and reap it."""
        if self.alive():
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=30)
        else:
            # the leader may be gone while its group lives on
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self._close_log()

    def _close_log(self):
        try:
            self._log.flush()
        except ValueError:
            pass

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError as e:
            return "<no log: %s>" % e

    def log_tail(self, lines=80):
        return "\n".join(self.log_text().splitlines()[-lines:])


def _cleanup_all():
    with _lock:
        procs = list(_procs)
    for p in reversed(procs):
        try:
            if p.alive():
                p.signal(signal.SIGCONT)
                p.signal(signal.SIGTERM)
        except Exception:
            pass
    deadline = time.monotonic() + 10
    for p in reversed(procs):
        try:
            p.wait_exit(max(0.0, deadline - time.monotonic()))
            p.kill()
        except Exception:
            pass
    if not KEEP:
        for d in _tmpdirs:
            shutil.rmtree(d, ignore_errors=True)


atexit.register(_cleanup_all)


def _on_signal(signum, frame):  # ctest's timeout sends SIGTERM: clean up the children first
    _cleanup_all()
    os._exit(128 + signum)


for _sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(_sig, _on_signal)


# ----------------------------------------------------------------------------- accord node

class NodeExited(AssertionError):
    pass


class Node:
    """One `accord serve` process.

    env: extra environment (ACCORD_* settings); inherited ACCORD_* variables are dropped.
    args: extra command-line arguments after `serve` (e.g. ["--set", "leader.eligibility=false"]).
    kafka: the test's broker (kafka()); the node uses its topic `topic` (a name the test
      chose, made unique by the broker object) and the election group that goes with it.
    bootstrap: Kafka bootstrap servers with the node's default topic and group; None (and no
      kafka) runs on the embedded log.
    data_dir: reuse a directory (default: a fresh temporary one).
    """

    def __init__(self, accord=None, env=None, args=None, bootstrap=None, data_dir=None, name="node",
                 kafka=None, topic="_schemas"):
        self.accord = accord or ACCORD
        self.env_extra = dict(env or {})
        self.args = list(args or [])
        self.kafka = kafka
        self.topic = topic  # may be changed between restarts
        self.bootstrap = kafka.bootstrap if kafka is not None else bootstrap
        self.name = name
        self.workdir = make_tmpdir("accord-it-%s-" % name)
        self.data_dir = data_dir or os.path.join(self.workdir, "data")
        self.log_path = os.path.join(self.workdir, "node.log")
        self.port = None
        self.proc = None

    # -- lifecycle
    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def argv(self):
        argv = [self.accord, "serve", "--data-dir", self.data_dir, "--listeners", self.url]
        if self.bootstrap:
            argv += ["--bootstrap-servers", self.bootstrap]
        if self.kafka is not None:
            argv += self.kafka.node_args(self.topic)
        return argv + self.args

    def environment(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
        env.update(self.env_extra)
        return env

    def start(self, wait=True, timeout=60.0, new_port=True):
        """Starts the process (a fresh loopback port unless new_port=False) and, with wait,
        waits until /health/ready answers 200."""
        if self.proc is not None and self.proc.alive():
            raise RuntimeError("%s already running" % self.name)
        for attempt in range(3):
            if new_port or self.port is None or attempt > 0:
                self.port = free_port()
            self.proc = ManagedProcess(self.name, self.argv(), env=self.environment(), log_path=self.log_path)
            if not wait:
                return self
            try:
                self.wait_ready(timeout)
                return self
            except NodeExited:
                # another process took the port between free_port() and bind(): try another one
                log = self.proc.log_text().lower()
                if attempt == 2 or not ("address already in use" in log or "address in use" in log):
                    raise
        return self

    def wait_ready(self, timeout=60.0):
        def ready():
            if not self.proc.alive():
                raise NodeExited("%s exited with %s before becoming ready; log:\n%s"
                                 % (self.name, self.proc.returncode, self.proc.log_tail()))
            try:
                return request("GET", self.url + "/health/ready", timeout=5).status == 200
            except OSError:
                return False
        deadline = time.monotonic() + timeout
        while True:
            if ready():
                return
            if time.monotonic() >= deadline:
                raise AssertionError("%s not ready after %.0fs; log:\n%s" % (self.name, timeout, self.proc.log_tail()))
            time.sleep(0.05)

    def wait_live(self, timeout=60.0):
        def live():
            if not self.proc.alive():
                raise NodeExited("%s exited with %s; log:\n%s" % (self.name, self.proc.returncode, self.proc.log_tail()))
            try:
                return request("GET", self.url + "/health/live", timeout=5).status == 200
            except OSError:
                return False
        wait_until(live, timeout, message="%s live" % self.name)

    def stop(self, timeout=20.0):
        """SIGTERM and wait. Returns the exit code (SIGKILL after timeout; then the test
        should treat it as a failure: see stop_clean)."""
        if self.proc is None:
            return None
        rc, _ = self.proc.terminate(timeout)
        return rc

    def stop_clean(self, timeout=20.0):
        """SIGTERM; returns (exit code, exited within timeout)."""
        return self.proc.terminate(timeout)

    def kill(self):
        """kill -9."""
        if self.proc is not None:
            self.proc.kill()

    def pause(self):
        self.proc.signal(signal.SIGSTOP)

    def resume(self):
        self.proc.signal(signal.SIGCONT)

    def restart(self, wait=True, timeout=60.0, new_port=True):
        self.stop()
        return self.start(wait=wait, timeout=timeout, new_port=new_port)

    def wait_exit(self, timeout):
        return self.proc.wait_exit(timeout)

    def alive(self):
        return self.proc is not None and self.proc.alive()

    def log_text(self):
        return self.proc.log_text() if self.proc else ""

    def store_dir(self):
        return os.path.join(self.data_dir, "store")

    def log_dir(self):
        return os.path.join(self.data_dir, "log")

    # -- HTTP
    def request(self, method, path, body=None, **kw):
        return request(method, self.url + path, body, **kw)

    def get(self, path, **kw):
        return http("GET", self.url + path, **kw)

    def post(self, path, body=None, **kw):
        return http("POST", self.url + path, body, **kw)

    def put(self, path, body=None, **kw):
        return http("PUT", self.url + path, body, **kw)

    def delete(self, path, **kw):
        return http("DELETE", self.url + path, **kw)

    def register(self, subject, schema, schema_type=None, references=None, **extra):
        body = {"schema": schema if isinstance(schema, str) else json.dumps(schema)}
        if schema_type:
            body["schemaType"] = schema_type
        if references:
            body["references"] = references
        body.update(extra)
        return self.post("/subjects/%s/versions" % q(subject), body)

    def cluster(self):
        status, body = self.get("/accord/v1/cluster")
        if status != 200:
            raise AssertionError("GET /accord/v1/cluster -> %s %r" % (status, body))
        return body

    def snapshot(self):
        """Everything a client can read, for before/after comparisons: subjects (with
        deleted), every version (with deleted) as served, every id's schema, subject
        lists per id, global and per-subject config and mode, the contexts. Ids are per
        context: a named context's ids are keyed `:.ctx:<id>`."""
        out = {}
        st, subjects = self.get("/subjects?deleted=true")
        assert st == 200, (st, subjects)
        out["subjects"] = sorted(subjects)
        st, live = self.get("/subjects")
        assert st == 200, (st, live)
        out["live_subjects"] = sorted(live)
        ids = set()
        versions = {}
        for s in subjects:
            st, vs = self.get("/subjects/%s/versions?deleted=true" % q(s))
            assert st == 200, (s, st, vs)
            for v in vs:
                st, body = self.get("/subjects/%s/versions/%d?deleted=true" % (q(s), v))
                assert st == 200, (s, v, st, body)
                body.pop("ts", None)
                versions["%s/%d" % (s, v)] = body
                context = s[:s.index(":", 2) + 1] if s.startswith(":.") and ":" in s[2:] else ""
                ids.add((context, body["id"]))
            out["config/" + s] = self.get("/config/%s" % q(s))
            out["mode/" + s] = self.get("/mode/%s" % q(s))
        out["versions"] = versions
        schemas = {}
        for context, i in sorted(ids):
            where = "?subject=%s&" % q(context) if context else "?"
            st, body = self.get("/schemas/ids/%d%s" % (i, where[:-1]))
            assert st == 200, (context, i, st, body)
            body.pop("ts", None)
            schemas[context + str(i)] = {"schema": body,
                                         "subjects": self.get("/schemas/ids/%d/subjects%sdeleted=true" % (i, where)),
                                         "versions": self.get("/schemas/ids/%d/versions%sdeleted=true" % (i, where))}
        out["ids"] = schemas
        out["contexts"] = self.get("/contexts")
        out["config"] = self.get("/config")
        out["mode"] = self.get("/mode")
        return out


# ----------------------------------------------------------------------------- test broker

class _KafkaNames:
    """Names on a broker that other tests may share (real Kafka): each topic a test asks for
    (`_schemas`, `_big`, ...) becomes `<name>_it_<token>`, and the nodes on it elect their
    writer in the group `accord_it_<token>[_<name>]` (its transactional.id follows from it), so
    runs never see each other's records or members."""

    def __init__(self):
        self.token = secrets.token_hex(4)

    def topic_name(self, name):
        return "%s_it_%s" % (name, self.token)

    def group_id(self, name="_schemas"):
        suffix = "" if name == "_schemas" else "_" + name.strip("_")
        return "accord_it_%s%s" % (self.token, suffix)

    def node_args(self, name="_schemas"):
        """`accord serve` arguments for a node on the topic the test calls `name`."""
        return ["--set", "kafkastore.topic=" + self.topic_name(name),
                "--set", "schema.registry.group.id=" + self.group_id(name)]

    def has_records_after(self, offset, name="_schemas", timeout=15.0):
        """Whether the topic holds a committed record beyond `offset`. A node's applied offset
        is its last record's; on real Kafka the offsets after it may be transaction markers
        (or aborted records) only, so `end offset - 1` is no test for "everything applied"."""
        from confluent_kafka import Consumer, KafkaError, TopicPartition
        consumer = Consumer({"bootstrap.servers": self.bootstrap, "group.id": "accord-it-probe",
                             "enable.partition.eof": True, "enable.auto.commit": False,
                             "isolation.level": "read_committed"})
        try:
            consumer.assign([TopicPartition(self.topic_name(name), 0, offset + 1)])
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                m = consumer.poll(0.5)
                if m is None:
                    continue
                if m.error() is None:
                    return True
                if m.error().code() == KafkaError._PARTITION_EOF:
                    return False
            raise AssertionError("no end of %s reached within %.0fs" % (self.topic_name(name), timeout))
        finally:
            consumer.close()


def produce_fixture(broker, path, topic="_schemas"):
    """Produces the records of a JSON Lines fixture ({"key": text, "value": text or null}) in
    order into partition 0 of the broker's `topic` (python3-confluent-kafka's producer), as
    another registry would have written them."""
    from confluent_kafka import Producer
    producer = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True, "acks": "all"})
    with open(path) as f:
        for line in f:
            record = json.loads(line)
            value = record["value"]
            producer.produce(broker.topic_name(topic), key=record["key"].encode(), partition=0,
                             value=None if value is None else value.encode())
    assert producer.flush(30) == 0, "fixture records not delivered"


def kafka(topics=("_schemas:1",), brokers=None, name="broker"):
    """The Kafka broker of one test, with its topics (`NAME:PARTITIONS`, names as the test
    calls them) created: a fresh test broker, or the external broker named by
    ACCORD_TEST_BOOTSTRAP."""
    if EXTERNAL_BOOTSTRAP:
        return ExternalKafka(topics=topics, brokers=brokers, name=name)
    return Broker(topics=topics, brokers=brokers, name=name)


def skip_without_kafka():
    """Skips the test when there is neither an external broker nor a built test broker."""
    if not EXTERNAL_BOOTSTRAP and not Broker.available():
        raise unittest.SkipTest("test broker not built: %s" % BROKER)


class Broker(_KafkaNames):
    """The Kafka test broker: `accord-test-broker [--brokers N] [--topic NAME:PARTITIONS]...`.
    Its first stdout line is the bootstrap address; each stdin command line is answered by
    one `ok` / `error ...` line."""
    external = False
    admin_api = False  # no CreateTopics / DescribeConfigs (docs/test-broker-gaps.md)

    def __init__(self, path=None, topics=("_schemas:1",), brokers=None, name="broker"):
        super().__init__()
        self.path = path or BROKER
        argv = [self.path]
        if brokers:
            argv += ["--brokers", str(brokers)]
        for t in topics:
            topic, _, partitions = t.rpartition(":")
            argv += ["--topic", "%s:%s" % (self.topic_name(topic), partitions)]
        self.name = name
        self._lines = queue.Queue()
        self.proc = ManagedProcess(name, argv, env=dict(os.environ), stdin=True, stdout_pipe=True,
                                   log_path=os.path.join(make_tmpdir("accord-it-broker-"), "broker.log"))
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.bootstrap = self._next_line(30.0, "bootstrap address")

    def require_control(self):
        """Fault injection works here (a test on an external broker skips instead)."""

    @staticmethod
    def available(path=None):
        p = path or BROKER
        return os.path.isfile(p) and os.access(p, os.X_OK)

    def _read(self):
        for raw in self.proc.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            try:
                self.proc._log.write(("[stdout] %s\n" % line).encode())
                self.proc._log.flush()
            except ValueError:
                pass
            self._lines.put(line)
        self._lines.put(None)

    def _next_line(self, timeout, what):
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("%s: no %s within %.0fs; log:\n%s" % (self.name, what, timeout, self.proc.log_tail()))
        if line is None:
            raise AssertionError("%s exited (%s) before printing its %s; log:\n%s"
                                 % (self.name, self.proc.returncode(), what, self.proc.log_tail()))
        return line.strip()

    def command(self, line, timeout=15.0):
        """Sends one command; returns the reply line. Raises AssertionError on `error ...`."""
        reply = self.command_raw(line, timeout)
        if reply != "ok":
            raise AssertionError("broker command %r answered %r" % (line, reply))
        return reply

    def command_raw(self, line, timeout=15.0):
        self.proc.proc.stdin.write((line + "\n").encode())
        self.proc.proc.stdin.flush()
        return self._next_line(timeout, "reply to %r" % line)

    def down(self, broker_id=1):
        return self.command("down %d" % broker_id)

    def up(self, broker_id=1):
        return self.command("up %d" % broker_id)

    def topic(self, name, partitions):
        return self.command("topic %s %d" % (self.topic_name(name), partitions))

    def stop(self, timeout=10.0):
        try:
            if self.proc.alive():
                self.proc.proc.stdin.close()
        except OSError:
            pass
        rc = self.proc.wait_exit(timeout)
        if rc is None:
            rc, _ = self.proc.terminate(timeout)
        return rc


class ExternalKafka(_KafkaNames):
    """A broker this harness did not start (ACCORD_TEST_BOOTSTRAP): real Kafka, for example
    the compose one (integration/real-kafka.sh). Topics are created with the Admin API (one
    partition unless asked otherwise, cleanup.policy=compact, replication factor
    ACCORD_TEST_REPLICATION, default 1) and deleted again by stop(). Taking brokers down,
    delays and injected errors need a broker under the test's control: tests asking for them
    are skipped with the reason."""
    external = True
    NO_CONTROL = ("needs broker fault injection (down/up, rtt, injected errors), which only the "
                  "test broker has; skipped on the external broker ACCORD_TEST_BOOTSTRAP=%s")

    def __init__(self, topics=("_schemas:1",), brokers=None, name="broker"):
        super().__init__()
        self.name = name
        self.bootstrap = EXTERNAL_BOOTSTRAP
        # A test broker started by hand has no Admin API either.
        self.admin_api = not EXTERNAL_CONTROL
        self.created = []
        for t in topics:
            topic, _, partitions = t.rpartition(":")
            self.topic(topic, int(partitions))

    def require_control(self):
        raise unittest.SkipTest(self.NO_CONTROL % self.bootstrap)

    def command(self, line, timeout=15.0):
        raise unittest.SkipTest(self.NO_CONTROL % self.bootstrap)

    def down(self, broker_id=1):
        self.require_control()

    def up(self, broker_id=1):
        self.require_control()

    def topic(self, name, partitions):
        real = self.topic_name(name)
        if EXTERNAL_CONTROL:
            self._control("topic %s %d" % (real, partitions))
        else:
            from confluent_kafka.admin import AdminClient, NewTopic
            admin = AdminClient({"bootstrap.servers": self.bootstrap})
            new = NewTopic(real, num_partitions=partitions,
                           replication_factor=int(os.environ.get("ACCORD_TEST_REPLICATION", "1")),
                           config={"cleanup.policy": "compact"})
            admin.create_topics([new], operation_timeout=30, request_timeout=30)[real].result(timeout=60)
        self.created.append(real)
        return "ok"

    def describe(self, name):
        """(partitions, cleanup.policy) of a topic, through the Admin API; the topic is deleted
        by stop() like the ones this object created."""
        from confluent_kafka.admin import AdminClient, ConfigResource
        real = self.topic_name(name)
        admin = AdminClient({"bootstrap.servers": self.bootstrap})
        partitions = len(admin.list_topics(real, timeout=30).topics[real].partitions)
        resource = ConfigResource("topic", real)
        configs = admin.describe_configs([resource], request_timeout=30)[resource].result(timeout=60)
        if real not in self.created:
            self.created.append(real)
        return partitions, configs["cleanup.policy"].value

    def _control(self, line):
        host, _, port = EXTERNAL_CONTROL.rpartition(":")
        with socket.create_connection((host, int(port)), timeout=15) as s:
            s.sendall((line + "\n").encode())
            reply = s.makefile("rb").readline().decode().strip()
        if reply != "ok":
            raise AssertionError("command %r to the test broker at %s answered %r" % (line, EXTERNAL_CONTROL, reply))

    def stop(self, timeout=10.0):
        """Deletes the topics this test created (the test broker started by hand keeps them:
        it cannot delete topics)."""
        if EXTERNAL_CONTROL or not self.created:
            return 0
        from confluent_kafka.admin import AdminClient
        admin = AdminClient({"bootstrap.servers": self.bootstrap})
        for topic, future in admin.delete_topics(self.created, operation_timeout=timeout).items():
            try:
                future.result(timeout=timeout + 5)
            except Exception as e:  # left behind on a shared broker: say so, fail nothing
                print("could not delete topic %s: %s" % (topic, e))
        self.created = []
        return 0


# ----------------------------------------------------------------------------- unittest glue

class _Result(unittest.TextTestResult):
    """Prints the logs of every process started for (or still running during) a failing test."""

    def startTest(self, test):
        with _lock:
            self._first_proc = len(_procs)
        super().startTest(test)

    def _dump(self):
        with _lock:
            procs = [p for i, p in enumerate(_procs) if i >= getattr(self, "_first_proc", 0) or p.alive()]
        for p in procs:
            self.stream.write("\n----- log of %s (pid %d, %s) -----\n%s\n----- end of %s log -----\n"
                              % (p.name, p.pid, "running" if p.alive() else "exit %s" % p.returncode(),
                                 p.log_tail(120), p.name))
        self.stream.flush()

    def addError(self, test, err):
        super().addError(test, err)
        self._dump()

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._dump()


def main():
    """Entry point of every integration test file."""
    global ACCORD, BROKER
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--accord", default=ACCORD)
    ap.add_argument("--broker", default=BROKER)
    args, rest = ap.parse_known_args()
    ACCORD = os.path.abspath(args.accord)
    BROKER = os.path.abspath(args.broker)
    if not os.access(ACCORD, os.X_OK):
        print("accord binary not found or not executable: %s" % ACCORD)
        sys.exit(1)
    runner = unittest.TextTestRunner(verbosity=2, resultclass=_Result, stream=sys.stdout)
    prog = unittest.main(module="__main__", argv=[sys.argv[0]] + rest, testRunner=runner, exit=False)
    if _broker is not None:
        _broker.stop()
    _cleanup_all()
    result = prog.result
    ran = result.testsRun > 0 or len(result.skipped) > 0
    sys.exit(0 if result.wasSuccessful() and ran else 1)


# Fast visibility on the test broker and a short group session (docs/test-broker.md).
KAFKA_FAST = {"ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS": "20",
              "ACCORD_KAFKAGROUP_SESSION_TIMEOUT_MS": "3000",
              "ACCORD_KAFKAGROUP_HEARTBEAT_INTERVAL_MS": "1000",
              "ACCORD_KAFKASTORE_TIMEOUT_MS": "5000"}
_broker = None


def _shared_broker():
    global _broker
    if _broker is None:
        _broker = kafka(topics=())
    return _broker


class NodeCase(unittest.TestCase):
    """Base class: a fresh node per class (setUpClass) on the embedded log.
    Subclasses set NODE_ENV / NODE_ARGS to tune it."""
    NODE_ENV = {}
    NODE_ARGS = []

    @classmethod
    def setUpClass(cls):
        env, args, broker, topic = dict(cls.NODE_ENV), list(cls.NODE_ARGS), None, "_schemas"
        if os.environ.get("ACCORD_IT_LOG") == "kafka":
            # The same suite on a Kafka topic (one per class, on one shared broker), so the
            # embedded log and the Kafka log never drift apart.
            broker = _shared_broker()
            topic = "_schemas_%s" % cls.__name__.lower()
            broker.topic(topic, 1)
            env = dict(KAFKA_FAST, **env)
        cls.node = Node(env=env, args=args, kafka=broker, topic=topic, name=cls.__name__)
        try:
            cls.node.start()
            if broker is not None:
                wait_until(lambda: cls.node.cluster().get("role") == "writer", timeout=60,
                           message="%s elected writer" % cls.__name__)
        except BaseException:
            cls.node.kill()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    # helpers for the usual assertions
    def assertError(self, resp, status, code, message=None):
        st, body = resp
        self.assertEqual(st, status, "expected %d/%s, got %d %r" % (status, code, st, body))
        self.assertIsInstance(body, dict, "error body must be a JSON object: %r" % (body,))
        self.assertEqual(body.get("error_code"), code, "body: %r" % (body,))
        self.assertIsInstance(body.get("message"), str, "body: %r" % (body,))
        if message is not None:
            self.assertEqual(body["message"], message)
        return body

    def assertOk(self, resp, status=200):
        st, body = resp
        self.assertEqual(st, status, "expected %d, got %d %r" % (status, st, body))
        return body

    def assertAlive(self):
        st, body = self.node.get("/")
        self.assertEqual((st, body), (200, {}), "the node must still answer GET /")
