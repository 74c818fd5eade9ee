"""Helpers shared by the backup/restore and migrate tests: running the ops commands,
filling a registry with every kind of state, and writing backup files from Python (the
format is documented in docs/operations.md, so any tool can produce one)."""
import hashlib
import json
import os
import subprocess

import harness
from harness import q

MONEY = json.dumps({"type": "record", "name": "Money", "namespace": "com.example",
                    "fields": [{"name": "units", "type": "long"}]})


def run_accord(*args, env=None, timeout=180):
    """Runs `accord ARGS...` to completion (bounded); returns the CompletedProcess."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    full_env.update(env or {})
    return subprocess.run([harness.ACCORD] + [str(a) for a in args], capture_output=True, text=True,
                          timeout=timeout, env=full_env)


def order_schema(n_fields):
    fields = [{"name": "f%d" % i, "type": "string", "default": ""} for i in range(n_fields)]
    return json.dumps({"type": "record", "name": "Order", "fields": fields})


def populate(node):
    """Every kind of state a registry holds: references, soft-deleted versions, a soft-deleted
    subject, a hard-deleted version (an id gap), global and subject configs and modes."""
    def ok(resp, what):
        status, body = resp
        assert status == 200, "%s: %s %r" % (what, status, body)
        return body

    ok(node.register("money", MONEY), "money")
    payment = json.dumps({"type": "record", "name": "Payment", "namespace": "com.example",
                          "fields": [{"name": "amount", "type": "com.example.Money"}]})
    ok(node.register("payments-value", payment,
                     references=[{"name": "com.example.Money", "subject": "money", "version": 1}]), "payment")
    for i in range(1, 5):
        ok(node.register("orders-value", order_schema(i)), "orders v%d" % i)
    ok(node.delete("/subjects/orders-value/versions/2"), "soft delete v2")
    ok(node.delete("/subjects/orders-value/versions/3"), "soft delete v3")
    ok(node.delete("/subjects/orders-value/versions/3?permanent=true"), "hard delete v3")
    ok(node.register("legacy-value", '"string"'), "legacy")
    ok(node.delete("/subjects/legacy-value"), "soft delete subject")
    ok(node.register("same-schema", order_schema(1)), "id reuse across subjects")
    ok(node.put("/config", {"compatibility": "FULL"}), "global config")
    ok(node.put("/config/orders-value", {"compatibility": "NONE", "normalize": True}), "subject config")
    ok(node.register("frozen-value", '"int"'), "frozen")
    ok(node.put("/mode/frozen-value", {"mode": "READONLY"}), "subject mode")


def write_backup(path, records, source="python"):
    """records: dicts with offset, timestamp, key, value (str or None), headers. Returns path."""
    lines = [json.dumps({"format": "accord-backup", "format_version": 1, "created_at": "2024-01-01T00:00:00Z",
                         "source": source, "selection": "full"}, separators=(",", ":")) + "\n"]
    versions = {}
    for r in records:
        lines.append(json.dumps({"offset": r["offset"], "timestamp": r.get("timestamp", 0), "key": r["key"],
                                 "value": r["value"], "headers": r.get("headers", [])},
                                separators=(",", ":")) + "\n")
        key = json.loads(r["key"])
        if key.get("keytype") == "SCHEMA":
            logical = (key["subject"], key["version"])
            if not r["value"]:
                versions.pop(logical, None)
            else:
                value = json.loads(r["value"])
                versions[logical] = (value["subject"], value["id"])
    digest = hashlib.sha256("".join(lines).encode()).hexdigest()
    ids = {v[1] for v in versions.values()}
    trailer = {"end": True, "records": len(records), "subjects": len({v[0] for v in versions.values()}),
               "versions": len(versions), "schemas": len(ids), "max_id": max(ids) if ids else 0, "sha256": digest}
    with open(path, "w") as f:
        f.writelines(lines)
        f.write(json.dumps(trailer, separators=(",", ":")) + "\n")
    return path


def generated_records(count):
    """`count` SCHEMA records: subject s<i % 50>, ids 1..count."""
    records = []
    per_subject = {}
    for i in range(count):
        subject = "s%d" % (i % 50)
        version = per_subject.get(subject, 0) + 1
        per_subject[subject] = version
        schema = json.dumps({"type": "record", "name": "R%d" % i, "fields": [{"name": "f", "type": "long"}]})
        key = json.dumps({"keytype": "SCHEMA", "subject": subject, "version": version, "magic": 1},
                         separators=(",", ":"))
        value = json.dumps({"subject": subject, "version": version, "id": i + 1, "schemaType": "AVRO",
                            "schema": schema, "deleted": False}, separators=(",", ":"))
        records.append({"offset": i, "timestamp": 1700000000000 + i, "key": key, "value": value})
    return records


def subject_path(subject):
    return q(subject)
