"""Shared pieces of the security tests: test certificates made with the openssl command,
a users file with PBKDF2 password hashes, an https-capable Node and request helper."""
import base64
import hashlib
import json
import os
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402

PASSWORDS = {"reader": "reader-pw", "writer": "writer-pw", "admin": "admin-pw"}
WRITER_TOKEN = "tok-" + "7f3a9c" * 8


def pbkdf2(password, salt, iterations=20000):
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return "pbkdf2-sha256$%d$%s$%s" % (iterations, salt.hex(), digest.hex())


def write_users(directory):
    users = {"users": [
        {"username": "reader", "password_hash": pbkdf2(PASSWORDS["reader"], os.urandom(16)),
         "permissions": [{"operation": "read", "resource": "orders-*"}]},
        {"username": "writer", "password_hash": pbkdf2(PASSWORDS["writer"], os.urandom(16)),
         "token_hashes": ["sha256:" + hashlib.sha256(WRITER_TOKEN.encode()).hexdigest()],
         "permissions": [{"operation": "write", "resource": "orders-*"}]},
        {"username": "admin", "password_hash": pbkdf2(PASSWORDS["admin"], os.urandom(16)),
         "permissions": [{"operation": "admin", "resource": "*"}]},
    ]}
    path = os.path.join(directory, "users.json")
    with open(path, "w") as f:
        json.dump(users, f)
    return path


def basic(user, password=None):
    password = PASSWORDS[user] if password is None else password
    return {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()}


def openssl(*args):
    subprocess.run(["openssl"] + list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_certificates(directory):
    """A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by it."""
    p = lambda name: os.path.join(directory, name)  # noqa: E731
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=accord-test-ca",
            "-keyout", p("ca.key"), "-out", p("ca.pem"))
    with open(p("server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name, cn in (("server", "127.0.0.1"), ("client", "accord-client")):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn,
                "-keyout", p(name + ".key"), "-out", p(name + ".csr"))
        extra = ["-extfile", p("server.ext")] if name == "server" else []
        openssl("x509", "-req", "-in", p(name + ".csr"), "-CA", p("ca.pem"), "-CAkey", p("ca.key"),
                "-CAcreateserial", "-days", "2", "-out", p(name + ".pem"), *extra)
    return {k: p(k) for k in ("ca.pem", "server.pem", "server.key", "client.pem", "client.key")}


def request(url, method, path, body=None, headers=None, context=None, content_type=harness.CT, timeout=30):
    """One request to http:// or https:// (then `context` is the client's ssl.SSLContext)."""
    return harness.request(method, url + path, body, headers=headers, content_type=content_type, timeout=timeout,
                           context=context)


def client_context(certs, with_client_cert=True):
    context = ssl.create_default_context(cafile=certs["ca.pem"])
    if with_client_cert:
        context.load_cert_chain(certs["client.pem"], certs["client.key"])
    return context


class TlsNode(harness.Node):
    """A Node whose listener is https://; readiness is asked over TLS."""

    def __init__(self, certs, **kw):
        super().__init__(**kw)
        self.certs = certs
        self.context = client_context(certs)

    @property
    def url(self):
        return "https://127.0.0.1:%d" % self.port

    def wait_ready(self, timeout=60.0):
        def ready():
            if not self.proc.alive():
                raise harness.NodeExited("%s exited with %s; log:\n%s"
                                         % (self.name, self.proc.returncode, self.proc.log_tail()))
            try:
                return request(self.url, "GET", "/health/ready", context=self.context, timeout=5).status == 200
            except OSError:
                return False
        deadline = time.monotonic() + timeout
        while not ready():
            if time.monotonic() >= deadline:
                raise AssertionError("%s not ready; log:\n%s" % (self.name, self.proc.log_tail()))
            time.sleep(0.05)
