#!/usr/bin/python3
"""The Confluent REST API on one node (embedded log): every endpoint of rest-api.md
§3.1-3.7 with exact status codes, error codes, messages (§4) and JSON shapes (§1.3, §2)."""
import itertools
import json
import shutil

import harness
from harness import CT, CT_JSON, CT_SR, NodeCase, q

_seq = itertools.count(1)


def subject(prefix="s"):
    return "%s-%d" % (prefix, next(_seq))


def avro(obj):
    """Compact JSON in Java Avro's field order, so the text is its own canonical form."""
    return json.dumps(obj, separators=(",", ":"))


def record(name, fields, namespace=None):
    r = {"type": "record", "name": name}
    if namespace:
        r["namespace"] = namespace
    r["fields"] = fields
    return avro(r)


def field(name, type_, **kw):
    f = {"name": name, "type": type_}
    f.update(kw)
    return f


V1 = record("Order", [field("id", "long")])
V2 = record("Order", [field("id", "long"), field("note", "string", default="")])   # BACKWARD-compatible
V2_BAD = record("Order", [field("id", "long"), field("note", "string")])          # new field, no default
OTHER = record("Customer", [field("name", "string")])



def fresh_versions():
    """(v1, v2 compatible, v2 incompatible) of a record no other test uses, so the ids and
    their subject lists belong to the calling test alone."""
    name = "Fresh%d" % next(_seq)
    return (record(name, [field("id", "long")]),
            record(name, [field("id", "long"), field("note", "string", default="")]),
            record(name, [field("id", "long"), field("note", "string")]))


VERSION_MSG = ("The specified version '%s' is not a valid version id. Allowed values are between "
               "[1, 2^31-1] and the string \"latest\"")


def unsupported(resp):
    st, body = resp
    return st == 422 and isinstance(body, dict) and "unsupported" in str(body.get("message", "")).lower()


class Root(NodeCase):
    def test_root(self):
        self.assertEqual(self.node.get("/"), (200, {}))
        self.assertEqual(self.node.post("/", {"any": "thing"}), (200, {}))

    def test_health(self):
        self.assertEqual(self.node.request("GET", "/health/live").status, 200)
        self.assertEqual(self.node.request("GET", "/health/ready").status, 200)

    def test_metadata_id(self):
        body = self.assertOk(self.node.get("/v1/metadata/id"))
        self.assertIsInstance(body.get("scope"), dict, body)
        clusters = body["scope"].get("clusters")
        self.assertIsInstance(clusters, dict, body)
        self.assertIn("schema-registry-cluster", clusters)

    def test_schema_types(self):
        body = self.assertOk(self.node.get("/schemas/types"))
        self.assertIsInstance(body, list)
        self.assertEqual(sorted(body), ["AVRO", "JSON", "PROTOBUF"])

    def test_cluster_status(self):
        body = self.node.cluster()
        for k in ("role", "writer_url", "applied_offset", "end_offset"):
            self.assertIn(k, body)
        self.assertIsInstance(body["applied_offset"], int)
        self.assertIsInstance(body["end_offset"], int)


class RegisterAndRead(NodeCase):
    def test_register_shape_and_reads(self):
        s = subject("orders")
        V1, _, _ = fresh_versions()
        body = self.assertOk(self.node.register(s, V1))
        self.assertIsInstance(body.get("id"), int)
        self.assertEqual(body.get("version"), 1)
        self.assertEqual(body.get("schemaType"), "AVRO")
        self.assertEqual(body.get("schema"), V1)
        self.assertNotIn("references", body)  # NON_EMPTY: empty list omitted
        self.assertNotIn("ts", body)          # fresh registration
        self.assertNotIn("deleted", body)
        sid = body["id"]

        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1]))
        got = self.assertOk(self.node.get("/subjects/%s/versions/1" % q(s)))
        self.assertEqual(got["subject"], s)
        self.assertEqual(got["version"], 1)
        self.assertEqual(got["id"], sid)
        self.assertEqual(got["schemaType"], "AVRO")
        self.assertEqual(got["schema"], V1)
        for empty in ("references", "metadata", "ruleSet"):
            self.assertNotIn(empty, got)
        for alias in ("latest", "LATEST", " latest ", "-1"):
            got2 = self.assertOk(self.node.get("/subjects/%s/versions/%s" % (q(s), q(alias))))
            self.assertEqual((got2["version"], got2["id"]), (1, sid), alias)

        r = self.node.request("GET", "/subjects/%s/versions/1/schema" % q(s))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.raw.decode(), V1)  # raw text, no wrapper

        byid = self.assertOk(self.node.get("/schemas/ids/%d" % sid))
        self.assertEqual(byid["schema"], V1)
        self.assertEqual(byid["schemaType"], "AVRO")
        self.assertNotIn("subject", byid)  # only echoed with ?subject=
        r = self.node.request("GET", "/schemas/ids/%d/schema" % sid)
        self.assertEqual((r.status, r.raw.decode()), (200, V1))
        self.assertEqual(self.node.get("/schemas/ids/%d/subjects" % sid), (200, [s]))
        self.assertEqual(self.node.get("/schemas/ids/%d/versions" % sid), (200, [{"subject": s, "version": 1}]))

        # GET /subjects: sorted, contains s
        subjects = self.assertOk(self.node.get("/subjects"))
        self.assertIn(s, subjects)
        self.assertEqual(subjects, sorted(subjects))
        # GET /schemas lists the version
        listed = self.assertOk(self.node.get("/schemas"))
        mine = [x for x in listed if x.get("subject") == s]
        self.assertEqual(len(mine), 1, listed)
        self.assertEqual((mine[0]["version"], mine[0]["id"], mine[0]["schema"]), (1, sid, V1))

    def test_reregister_is_idempotent(self):
        s = subject()
        first = self.assertOk(self.node.register(s, V1))
        again = self.assertOk(self.node.register(s, V1))
        self.assertEqual((again["id"], again["version"]), (first["id"], 1))
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1]))
        # an equivalent text (other spacing) is the same schema
        spaced = json.dumps(json.loads(V1), indent=2)
        again = self.assertOk(self.node.register(s, spaced))
        self.assertEqual((again["id"], again["version"]), (first["id"], 1))
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1]))

    def test_global_id_shared_across_subjects(self):
        a, b = subject("shared-a"), subject("shared-b")
        schema = record("Shared%d" % next(_seq), [field("x", "int")])
        ra = self.assertOk(self.node.register(a, schema))
        rb = self.assertOk(self.node.register(b, schema))
        self.assertEqual(ra["id"], rb["id"])
        self.assertEqual(rb["version"], 1)
        self.assertEqual(sorted(self.assertOk(self.node.get("/schemas/ids/%d/subjects" % ra["id"]))), sorted([a, b]))
        versions = self.assertOk(self.node.get("/schemas/ids/%d/versions" % ra["id"]))
        self.assertEqual(sorted(versions, key=lambda x: x["subject"]),
                         [{"subject": a, "version": 1}, {"subject": b, "version": 1}])
        # a different schema gets a different id
        rc = self.assertOk(self.node.register(subject("shared-c"), OTHER))
        self.assertNotEqual(rc["id"], ra["id"])

    def test_second_version(self):
        s = subject()
        r1 = self.assertOk(self.node.register(s, V1))
        r2 = self.assertOk(self.node.register(s, V2))
        self.assertEqual(r2["version"], 2)
        self.assertNotEqual(r2["id"], r1["id"])
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1, 2]))
        latest = self.assertOk(self.node.get("/subjects/%s/versions/latest" % q(s)))
        self.assertEqual((latest["version"], latest["id"], latest["schema"]), (2, r2["id"], V2))

    def test_not_found_errors(self):
        s = subject()
        self.assertOk(self.node.register(s, V1))
        self.assertError(self.node.get("/subjects/nope-%d/versions" % next(_seq)), 404, 40401)
        self.assertError(self.node.get("/subjects/nope/versions"), 404, 40401, "Subject 'nope' not found.")
        self.assertError(self.node.get("/subjects/nope/versions/1"), 404, 40401, "Subject 'nope' not found.")
        self.assertError(self.node.get("/subjects/nope/versions/latest"), 404, 40401, "Subject 'nope' not found.")
        self.assertError(self.node.get("/subjects/%s/versions/99" % q(s)), 404, 40402, "Version 99 not found.")
        self.assertError(self.node.get("/subjects/%s/versions/99/schema" % q(s)), 404, 40402, "Version 99 not found.")
        self.assertError(self.node.get("/schemas/ids/999999"), 404, 40403, "Schema 999999 not found")
        self.assertError(self.node.get("/schemas/ids/999999/subjects"), 404, 40403)
        self.assertError(self.node.get("/schemas/ids/999999/versions"), 404, 40403)
        # Accord answers 404/40403 where Confluent has an NPE (rest-api.md, preamble)
        self.assertError(self.node.get("/schemas/ids/999999/schema"), 404, 40403)

    def test_invalid_version_ids(self):
        s = subject()
        self.assertOk(self.node.register(s, V1))
        for v in ("0", "-2", "abc", "1.5", "2147483648"):
            self.assertError(self.node.get("/subjects/%s/versions/%s" % (q(s), q(v))), 422, 42202, VERSION_MSG % v)
        self.assertError(self.node.delete("/subjects/%s/versions/0" % q(s)), 422, 42202, VERSION_MSG % "0")
        self.assertError(self.node.get("/subjects/%s/versions/x/referencedby" % q(s)), 422, 42202, VERSION_MSG % "x")
        self.assertError(self.node.post("/compatibility/subjects/%s/versions/0" % q(s), {"schema": V1}),
                         422, 42202, VERSION_MSG % "0")

    def test_lookup(self):
        s = subject()
        r1 = self.assertOk(self.node.register(s, V1))
        found = self.assertOk(self.node.post("/subjects/%s" % q(s), {"schema": V1}))
        self.assertEqual((found["subject"], found["version"], found["id"], found["schema"]),
                         (s, 1, r1["id"], V1))
        self.assertEqual(found["schemaType"], "AVRO")
        self.assertError(self.node.post("/subjects/%s" % q(s), {"schema": OTHER}), 404, 40403, "Schema not found")
        self.assertError(self.node.post("/subjects/nope-lookup", {"schema": V1}), 404, 40401,
                         "Subject 'nope-lookup' not found.")
        self.assertError(self.node.post("/subjects/%s" % q(s), {"schema": "{\"type\":\"nosuch\"}"}), 422, 42201)

    def test_normalize(self):
        s = subject("norm")
        scrambled = '{"fields":[{"type":"int","name":"a"}],"name":"N%d","type":"record"}' % next(_seq)
        canonical = record(json.loads(scrambled)["name"], [field("a", "int")])
        r1 = self.assertOk(self.node.post("/subjects/%s/versions?normalize=true" % q(s), {"schema": scrambled}))
        self.assertEqual(r1["version"], 1)
        # the same schema written differently, normalized: same id, no new version
        r2 = self.assertOk(self.node.post("/subjects/%s/versions?normalize=true" % q(s), {"schema": canonical}))
        self.assertEqual((r2["id"], r2["version"]), (r1["id"], 1))
        found = self.assertOk(self.node.post("/subjects/%s?normalize=true" % q(s), {"schema": scrambled}))
        self.assertEqual((found["id"], found["version"]), (r1["id"], 1))
        # and another subject registering it normalized shares the id
        r3 = self.assertOk(self.node.post("/subjects/%s/versions?normalize=true" % q(subject("norm")),
                                          {"schema": scrambled}))
        self.assertEqual(r3["id"], r1["id"])
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1]))


class Deletes(NodeCase):
    def test_version_soft_then_permanent(self):
        s = subject("del")
        V1, V2, _ = fresh_versions()
        self.assertOk(self.node.register(s, V1))
        r2 = self.assertOk(self.node.register(s, V2))
        path = "/subjects/%s/versions/2" % q(s)
        self.assertError(self.node.delete(path + "?permanent=true"), 404, 40407,
                         "Subject '%s' Version 2 was not deleted first before being permanently deleted" % s)
        self.assertEqual(self.node.delete(path), (200, 2))
        self.assertError(self.node.delete(path), 404, 40406,
                         "Subject '%s' Version 2 was soft deleted.Set permanent=true to delete permanently" % s)
        # hidden from reads, visible with deleted=true
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1]))
        self.assertEqual(self.node.get("/subjects/%s/versions?deleted=true" % q(s)), (200, [1, 2]))
        self.assertEqual(self.node.get("/subjects/%s/versions?deletedOnly=true" % q(s)), (200, [2]))
        self.assertError(self.node.get(path), 404, 40402, "Version 2 not found.")
        got = self.assertOk(self.node.get(path + "?deleted=true"))
        self.assertEqual((got["version"], got["id"]), (2, r2["id"]))
        self.assertEqual(self.assertOk(self.node.get("/subjects/%s/versions/latest" % q(s)))["version"], 1)
        # the id stays resolvable, its subject/version lists hide the deleted version
        self.assertEqual(self.assertOk(self.node.get("/schemas/ids/%d" % r2["id"]))["schema"], V2)
        self.assertEqual(self.node.get("/schemas/ids/%d/subjects" % r2["id"]), (200, []))
        self.assertEqual(self.node.get("/schemas/ids/%d/subjects?deleted=true" % r2["id"]), (200, [s]))
        self.assertEqual(self.node.get("/schemas/ids/%d/versions" % r2["id"]), (200, []))
        self.assertEqual(self.node.get("/schemas/ids/%d/versions?deleted=true" % r2["id"]),
                         (200, [{"subject": s, "version": 2}]))
        # lookup sees it only with deleted=true
        self.assertError(self.node.post("/subjects/%s" % q(s), {"schema": V2}), 404, 40403)
        found = self.assertOk(self.node.post("/subjects/%s?deleted=true" % q(s), {"schema": V2}))
        self.assertEqual((found["version"], found["id"]), (2, r2["id"]))
        # permanent
        self.assertEqual(self.node.delete(path + "?permanent=true"), (200, 2))
        self.assertEqual(self.node.get("/subjects/%s/versions?deleted=true" % q(s)), (200, [1]))
        self.assertError(self.node.delete(path), 404, 40402, "Version 2 not found.")
        self.assertError(self.node.delete(path + "?permanent=true"), 404, 40402, "Version 2 not found.")
        # the highest number was hard-deleted: the next registration reuses it
        r3 = self.assertOk(self.node.register(s, V2))
        self.assertEqual(r3["version"], 2)
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1, 2]))

    def test_reregister_soft_deleted_schema_gets_old_id_new_version(self):
        s = subject("del")
        V1, V2, _ = fresh_versions()
        r1 = self.assertOk(self.node.register(s, V1))
        self.assertOk(self.node.register(s, V2))
        self.assertEqual(self.node.delete("/subjects/%s/versions/1" % q(s)), (200, 1))
        r3 = self.assertOk(self.node.register(s, V1))
        self.assertEqual((r3["id"], r3["version"]), (r1["id"], 3))

    def test_subject_soft_then_permanent(self):
        s = subject("delsub")
        V1, V2, _ = fresh_versions()
        live = subject("live")
        self.assertOk(self.node.register(s, V1))
        self.assertOk(self.node.register(s, V2))
        self.assertOk(self.node.register(live, OTHER))
        self.assertError(self.node.delete("/subjects/%s?permanent=true" % q(s)), 404, 40405,
                         "Subject '%s' was not deleted first before being permanently deleted" % s)
        self.assertEqual(self.node.delete("/subjects/%s" % q(s)), (200, [1, 2]))
        self.assertError(self.node.delete("/subjects/%s" % q(s)), 404, 40404,
                         "Subject '%s' was soft deleted.Set permanent=true to delete permanently" % s)
        subjects = self.assertOk(self.node.get("/subjects"))
        self.assertNotIn(s, subjects)
        self.assertIn(live, subjects)
        self.assertIn(s, self.assertOk(self.node.get("/subjects?deleted=true")))
        only = self.assertOk(self.node.get("/subjects?deletedOnly=true"))
        self.assertIn(s, only)
        self.assertNotIn(live, only)
        self.assertEqual(self.node.get("/subjects?deleted=true&deletedOnly=true")[1], only)
        self.assertError(self.node.get("/subjects/%s/versions" % q(s)), 404, 40401, "Subject '%s' not found." % s)
        self.assertError(self.node.get("/subjects/%s/versions/1" % q(s)), 404, 40401)
        self.assertEqual(self.node.get("/subjects/%s/versions?deleted=true" % q(s)), (200, [1, 2]))
        self.assertEqual(self.assertOk(self.node.get("/subjects/%s/versions/1?deleted=true" % q(s)))["version"], 1)
        self.assertError(self.node.post("/subjects/%s" % q(s), {"schema": V1}), 404, 40401)
        self.assertEqual(self.assertOk(self.node.post("/subjects/%s?deleted=true" % q(s), {"schema": V1}))["version"], 1)

        self.assertEqual(self.node.delete("/subjects/%s?permanent=true" % q(s)), (200, [1, 2]))
        self.assertNotIn(s, self.assertOk(self.node.get("/subjects?deleted=true")))
        self.assertError(self.node.delete("/subjects/%s" % q(s)), 404, 40401, "Subject '%s' not found." % s)
        self.assertError(self.node.delete("/subjects/%s?permanent=true" % q(s)), 404, 40401)
        self.assertError(self.node.delete("/subjects/%s/versions/1" % q(s)), 404, 40401)
        self.assertError(self.node.get("/subjects/%s/versions?deleted=true" % q(s)), 404, 40401)
        # numbering restarts at 1
        self.assertEqual(self.assertOk(self.node.register(s, V1))["version"], 1)

    def test_unknown_subject_deletes(self):
        self.assertError(self.node.delete("/subjects/never-%d" % next(_seq)), 404, 40401)
        self.assertError(self.node.delete("/subjects/never/versions/1"), 404, 40401, "Subject 'never' not found.")
        self.assertError(self.node.delete("/subjects/never/versions/latest"), 404, 40401)


class References(NodeCase):
    def test_avro_reference_lifecycle(self):
        money_s, order_s = subject("money"), subject("order")
        money = record("Money", [field("units", "long")], namespace="com.acme")
        rm = self.assertOk(self.node.register(money_s, money))
        refs = [{"name": "com.acme.Money", "subject": money_s, "version": 1}]
        order = record("Order", [field("id", "long"), field("total", "com.acme.Money")], namespace="com.acme")
        # without the reference the type is unknown
        self.assertError(self.node.register(order_s, order), 422, 42201)
        # a reference to something that does not exist
        self.assertError(self.node.register(order_s, order, references=[
            {"name": "com.acme.Money", "subject": "no-such-%d" % next(_seq), "version": 1}]), 422, 42201)
        ro = self.assertOk(self.node.register(order_s, order, references=refs))
        self.assertEqual(ro["references"], refs)
        self.assertNotEqual(ro["id"], rm["id"])
        got = self.assertOk(self.node.get("/subjects/%s/versions/1" % q(order_s)))
        self.assertEqual(got["references"], refs)
        byid = self.assertOk(self.node.get("/schemas/ids/%d" % ro["id"]))
        self.assertEqual(byid["references"], refs)
        # lookup with the references finds it
        found = self.assertOk(self.node.post("/subjects/%s" % q(order_s), {"schema": order, "references": refs}))
        self.assertEqual(found["id"], ro["id"])
        # referencedby
        rb = "/subjects/%s/versions/1/referencedby" % q(money_s)
        self.assertEqual(self.node.get(rb), (200, [ro["id"]]))
        self.assertEqual(self.node.get("/subjects/%s/versions/latest/referencedby" % q(money_s)), (200, [ro["id"]]))
        self.assertEqual(self.node.get("/subjects/%s/versions/1/referencedby" % q(order_s)), (200, []))
        self.assertError(self.node.get("/subjects/%s/versions/7/referencedby" % q(money_s)), 404, 40402)
        self.assertError(self.node.get("/subjects/nope-rb/versions/1/referencedby"), 404, 40401)
        # a referenced version cannot be deleted
        msg = "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=%s,version=1}." % money_s
        self.assertError(self.node.delete("/subjects/%s/versions/1" % q(money_s)), 422, 42206, msg)
        self.assertError(self.node.delete("/subjects/%s" % q(money_s)), 422, 42206)
        # [8.3+] once the referrer is soft-deleted: soft delete allowed, permanent delete still blocked
        self.assertEqual(self.node.delete("/subjects/%s" % q(order_s)), (200, [1]))
        self.assertEqual(self.node.get(rb), (200, []))
        self.assertEqual(self.node.get(rb + "?deleted=true"), (200, [ro["id"]]))
        self.assertEqual(self.node.delete("/subjects/%s/versions/1" % q(money_s)), (200, 1))
        self.assertError(self.node.delete("/subjects/%s/versions/1?permanent=true" % q(money_s)), 422, 42206, msg)
        # referrer gone for good: the target can go too
        self.assertEqual(self.node.delete("/subjects/%s?permanent=true" % q(order_s)), (200, [1]))
        self.assertEqual(self.node.delete("/subjects/%s/versions/1?permanent=true" % q(money_s)), (200, 1))

    def test_reference_latest_is_stored_concrete(self):
        money_s, order_s = subject("money"), subject("order")
        money = record("Cash", [field("units", "long")], namespace="com.acme")
        self.assertOk(self.node.register(money_s, money))
        order = record("Buy", [field("total", "com.acme.Cash")], namespace="com.acme")
        self.assertOk(self.node.register(order_s, order, references=[
            {"name": "com.acme.Cash", "subject": money_s, "version": -1}]))
        got = self.assertOk(self.node.get("/subjects/%s/versions/1" % q(order_s)))
        self.assertEqual(got["references"], [{"name": "com.acme.Cash", "subject": money_s, "version": 1}])

    def test_reference_missing_field(self):
        money_s = subject("money")
        self.assertOk(self.node.register(money_s, record("Coin", [field("u", "long")], namespace="x")))
        order = record("Pay", [field("c", "x.Coin")], namespace="x")
        self.assertError(self.node.register(subject("order"), order, references=[
            {"name": "x.Coin", "subject": money_s}]), 422, 42201)


class Compatibility(NodeCase):
    def test_backward_incompatible_register(self):
        s = subject("compat")
        self.assertOk(self.node.register(s, V1))
        body = self.assertError(self.node.register(s, V2_BAD), 409, 40901)
        self.assertTrue(body["message"].startswith(
            'Schema being registered is incompatible with an earlier schema for subject "%s", details: [' % s),
            body["message"])
        self.assertTrue(body["message"].endswith("{validateFields: 'false', compatibility: 'BACKWARD'}]"),
                        body["message"])
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1]))

    def test_check_endpoints(self):
        s = subject("compat")
        self.assertOk(self.node.register(s, V1))
        for path in ("/compatibility/subjects/%s/versions/latest" % q(s),
                     "/compatibility/subjects/%s/versions/1" % q(s),
                     "/compatibility/subjects/%s/versions" % q(s)):
            self.assertEqual(self.node.post(path, {"schema": V2_BAD}), (200, {"is_compatible": False}), path)
            verbose = self.assertOk(self.node.post(path + "?verbose=true", {"schema": V2_BAD}))
            self.assertIs(verbose["is_compatible"], False)
            self.assertIsInstance(verbose.get("messages"), list)
            self.assertGreater(len(verbose["messages"]), 0)
            self.assertTrue(all(isinstance(m, str) for m in verbose["messages"]))
            self.assertEqual(self.node.post(path, {"schema": V2}), (200, {"is_compatible": True}), path)
            ok = self.assertOk(self.node.post(path + "?verbose=true", {"schema": V2}))
            self.assertIs(ok["is_compatible"], True)
            self.assertEqual(ok.get("messages", []), [])
        # a numeric version that does not exist
        self.assertError(self.node.post("/compatibility/subjects/%s/versions/9" % q(s), {"schema": V2}),
                         404, 40402, "Version 9 not found.")
        self.assertError(self.node.post("/compatibility/subjects/nope-c/versions/1", {"schema": V2}), 404, 40402)
        # latest on an unknown subject: anything goes
        self.assertEqual(self.node.post("/compatibility/subjects/nope-c/versions/latest", {"schema": V2}),
                         (200, {"is_compatible": True}))
        self.assertEqual(self.node.post("/compatibility/subjects/nope-c/versions", {"schema": V2}),
                         (200, {"is_compatible": True}))
        # an unparsable candidate: 42201, or a verdict with the reason when verbose
        bad = '{"type":"record","name":"R","fields":[{"name":"a","type":"nosuch"}]}'
        self.assertError(self.node.post("/compatibility/subjects/%s/versions/latest" % q(s), {"schema": bad}),
                         422, 42201)
        verbose = self.assertOk(self.node.post("/compatibility/subjects/%s/versions/latest?verbose=true" % q(s),
                                               {"schema": bad}))
        self.assertIs(verbose["is_compatible"], False)
        self.assertGreater(len(verbose.get("messages", [])), 0)

    def test_config_none_allows_anything(self):
        s = subject("compat")
        self.assertOk(self.node.register(s, V1))
        self.assertEqual(self.node.put("/config/%s" % q(s), {"compatibility": "NONE"}), (200, {"compatibility": "NONE"}))
        self.assertEqual(self.assertOk(self.node.register(s, V2_BAD))["version"], 2)

    def test_forward_and_full(self):
        s = subject("compat")
        self.assertOk(self.node.register(s, V2))
        self.assertOk(self.node.put("/config/%s" % q(s), {"compatibility": "forward"}))
        # FORWARD: the old schema must read data written with the new one.
        # Removing a field the old reader has no default for breaks it.
        self.assertError(self.node.register(s, record("Order", [field("note", "string", default="")])), 409, 40901)
        ok = record("Order", [field("id", "long"), field("note", "string", default=""), field("extra", "int")])
        self.assertEqual(self.assertOk(self.node.register(s, ok))["version"], 2)
        self.assertOk(self.node.put("/config/%s" % q(s), {"compatibility": "FULL"}))
        # a new field without default: forward-compatible, not backward: FULL refuses
        nodef = record("Order", [field("id", "long"), field("note", "string", default=""),
                                 field("extra", "int"), field("more", "int")])
        body = self.assertError(self.node.register(s, nodef), 409, 40901)
        self.assertTrue(body["message"].endswith("compatibility: 'FULL'}]"), body["message"])

    def test_transitive(self):
        s = subject("compat")
        v1 = record("T", [field("x", "int")])
        v2 = record("T", [])
        v3 = record("T", [field("x", "string", default="")])  # reads v2 data, not v1's int x
        self.assertOk(self.node.register(s, v1))
        self.assertOk(self.node.register(s, v2))
        self.assertEqual(self.node.post("/compatibility/subjects/%s/versions" % q(s), {"schema": v3}),
                         (200, {"is_compatible": True}))
        self.assertOk(self.node.put("/config/%s" % q(s), {"compatibility": "BACKWARD_TRANSITIVE"}))
        self.assertEqual(self.node.post("/compatibility/subjects/%s/versions" % q(s), {"schema": v3}),
                         (200, {"is_compatible": False}))
        self.assertError(self.node.register(s, v3), 409, 40901)
        # a single-version check only looks at that version
        self.assertEqual(self.node.post("/compatibility/subjects/%s/versions/2" % q(s), {"schema": v3}),
                         (200, {"is_compatible": True}))
        self.assertEqual(self.node.post("/compatibility/subjects/%s/versions/1" % q(s), {"schema": v3}),
                         (200, {"is_compatible": False}))


class Config(NodeCase):
    """Global config and mode: a node of its own, restored after each test."""

    def tearDown(self):
        self.node.put("/mode?force=true", {"mode": "READWRITE"})
        self.node.put("/config", {"compatibility": "BACKWARD"})

    def test_global_config(self):
        self.assertEqual(self.node.get("/config"), (200, {"compatibilityLevel": "BACKWARD"}))
        self.assertEqual(self.node.put("/config", {"compatibility": "full"}), (200, {"compatibility": "FULL"}))
        self.assertEqual(self.node.get("/config"), (200, {"compatibilityLevel": "FULL"}))
        self.assertError(self.node.put("/config", {"compatibility": "bogus"}), 422, 42203,
                         "Invalid compatibility level. Valid values are none, backward, forward, full, "
                         "backward_transitive, forward_transitive, and full_transitive")
        self.assertEqual(self.node.get("/config"), (200, {"compatibilityLevel": "FULL"}))
        self.assertEqual(self.node.delete("/config"), (200, {"compatibilityLevel": "FULL"}))
        self.assertEqual(self.node.get("/config"), (200, {"compatibilityLevel": "BACKWARD"}))

    def test_subject_config(self):
        s = subject("cfg")
        self.assertError(self.node.get("/config/%s" % q(s)), 404, 40408,
                         "Subject '%s' does not have subject-level compatibility configured" % s)
        self.assertEqual(self.node.get("/config/%s?defaultToGlobal=true" % q(s)),
                         (200, {"compatibilityLevel": "BACKWARD"}))
        # the subject need not exist
        self.assertEqual(self.node.put("/config/%s" % q(s), {"compatibility": "forward_transitive"}),
                         (200, {"compatibility": "FORWARD_TRANSITIVE"}))
        self.assertEqual(self.node.get("/config/%s" % q(s)), (200, {"compatibilityLevel": "FORWARD_TRANSITIVE"}))
        self.assertEqual(self.node.get("/config/%s?defaultToGlobal=true" % q(s)),
                         (200, {"compatibilityLevel": "FORWARD_TRANSITIVE"}))
        self.assertError(self.node.put("/config/%s" % q(s), {"compatibility": "sideways"}), 422, 42203)
        self.assertEqual(self.node.delete("/config/%s" % q(s)), (200, {"compatibilityLevel": "FORWARD_TRANSITIVE"}))
        self.assertError(self.node.delete("/config/%s" % q(s)), 404, 40401, "Subject '%s' not found." % s)
        self.assertError(self.node.get("/config/%s" % q(s)), 404, 40408)

    def test_subject_config_governs_register(self):
        s = subject("cfg")
        self.assertOk(self.node.register(s, V1))
        self.assertOk(self.node.put("/config", {"compatibility": "NONE"}))
        self.assertOk(self.node.put("/config/%s" % q(s), {"compatibility": "BACKWARD"}))
        self.assertError(self.node.register(s, V2_BAD), 409, 40901)
        self.assertOk(self.node.delete("/config/%s" % q(s)))
        self.assertEqual(self.assertOk(self.node.register(s, V2_BAD))["version"], 2)

    def test_global_mode(self):
        self.assertEqual(self.node.get("/mode"), (200, {"mode": "READWRITE"}))
        self.assertError(self.node.put("/mode", {"mode": "bogus"}), 422, 42204,
                         "Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD.")
        s = subject("mode")
        self.assertOk(self.node.register(s, V1))
        self.assertEqual(self.node.put("/mode", {"mode": "READONLY"}), (200, {"mode": "READONLY"}))
        self.assertEqual(self.node.get("/mode"), (200, {"mode": "READONLY"}))
        self.assertError(self.node.register(subject("mode"), OTHER), 422, 42205)
        self.assertEqual(self.node.put("/mode", {"mode": "READWRITE"}), (200, {"mode": "READWRITE"}))
        # IMPORT with live subjects needs force
        body = self.assertError(self.node.put("/mode", {"mode": "IMPORT"}), 422, 42205)
        self.assertIn("Cannot import since found existing subjects", body["message"])
        self.assertEqual(self.node.get("/mode"), (200, {"mode": "READWRITE"}))
        self.assertEqual(self.node.put("/mode?force=true", {"mode": "IMPORT"}), (200, {"mode": "IMPORT"}))
        self.assertEqual(self.node.get("/mode"), (200, {"mode": "IMPORT"}))

    def test_subject_mode_readonly(self):
        s = subject("mode")
        r1 = self.assertOk(self.node.register(s, V1))
        self.assertError(self.node.get("/mode/%s" % q(s)), 404, 40409,
                         "Subject '%s' does not have subject-level mode configured" % s)
        self.assertEqual(self.node.get("/mode/%s?defaultToGlobal=true" % q(s)), (200, {"mode": "READWRITE"}))
        self.assertEqual(self.node.put("/mode/%s" % q(s), {"mode": "READONLY"}), (200, {"mode": "READONLY"}))
        self.assertEqual(self.node.get("/mode/%s" % q(s)), (200, {"mode": "READONLY"}))
        body = self.assertError(self.node.register(s, V2), 422, 42205)
        self.assertIn("read-only mode", body["message"])
        # re-registering an existing schema is answered without writing, even in READONLY
        again = self.assertOk(self.node.register(s, V1))
        self.assertEqual((again["id"], again["version"]), (r1["id"], 1))
        self.assertError(self.node.delete("/subjects/%s/versions/1" % q(s)), 422, 42205)
        self.assertError(self.node.delete("/subjects/%s" % q(s)), 422, 42205)
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [1]))
        # other subjects are unaffected
        self.assertOk(self.node.register(subject("mode"), V1))
        self.assertEqual(self.node.delete("/mode/%s" % q(s)), (200, {"mode": "READONLY"}))
        self.assertError(self.node.delete("/mode/%s" % q(s)), 404, 40401, "Subject '%s' not found." % s)
        self.assertEqual(self.assertOk(self.node.register(s, V2))["version"], 2)
        self.assertError(self.node.put("/mode/%s" % q(s), {"mode": "WRITEONLY"}), 422, 42204)
        self.assertError(self.node.put("/mode/%s" % q(s), {"mode": "FORWARD"}), 422, 42204,
                         "Forward mode only supported on global level")

    def test_mode_input_case(self):
        s = subject("mode")
        self.assertEqual(self.node.put("/mode/%s" % q(s), {"mode": "readonly"}), (200, {"mode": "readonly"}))
        self.assertEqual(self.node.get("/mode/%s" % q(s)), (200, {"mode": "READONLY"}))
        self.assertOk(self.node.delete("/mode/%s" % q(s)))

    def test_import_mode(self):
        s = subject("imp")
        schema = record("Imported%d" % next(_seq), [field("a", "int")])
        # an id outside IMPORT
        self.assertError(self.node.register(s, schema, id=7000), 422, 42205)
        self.assertEqual(self.node.put("/mode/%s" % q(s), {"mode": "IMPORT"}), (200, {"mode": "IMPORT"}))
        # no id in IMPORT
        self.assertError(self.node.register(s, schema), 422, 42205)
        r = self.assertOk(self.node.register(s, schema, id=7000, version=3))
        self.assertEqual(r["id"], 7000)
        self.assertEqual(self.node.get("/subjects/%s/versions" % q(s)), (200, [3]))
        got = self.assertOk(self.node.get("/subjects/%s/versions/3" % q(s)))
        self.assertEqual((got["id"], got["version"]), (7000, 3))
        self.assertEqual(self.assertOk(self.node.get("/schemas/ids/7000"))["schema"], schema)
        # the id is bound to that schema now
        other = record("Imported%d" % next(_seq), [field("b", "int")])
        self.assertError(self.node.register(s, other, id=7000, version=4), 422, 42205)
        self.assertEqual(self.node.put("/mode/%s" % q(s), {"mode": "READWRITE"}), (200, {"mode": "READWRITE"}))
        # imported ids raise the high-water mark
        fresh = self.assertOk(self.node.register(subject("imp"), record("AfterImport%d" % next(_seq),
                                                                         [field("c", "int")])))
        self.assertGreater(fresh["id"], 7000)


class GuidsAliasesContracts(NodeCase):
    def test_guid_survives_restart_and_store_rebuild(self):
        s = subject("guid")
        status, body = self.node.register(s, '"string"')
        self.assertEqual(status, 200, body)
        guid = body["guid"]
        self.assertEqual(guid, "095d71cf-1255-6b9d-5e33-0ad575b3df5d")  # md5('"string"')
        def check():
            status, found = self.node.get("/schemas/guids/" + guid)
            self.assertEqual(status, 200, found)
            self.assertEqual(found["schema"], '"string"')
            status, ids = self.node.get("/schemas/guids/%s/ids" % guid)
            self.assertEqual(ids, [{"context": ".", "id": body["id"]}])
            self.assertEqual(self.node.get("/subjects/%s/versions/1" % q(s))[1]["guid"], guid)
        check()
        self.node.restart()  # from the persisted store
        check()
        self.node.stop()  # from a store rebuilt from the log
        shutil.rmtree(self.node.store_dir())
        self.node.start()
        check()
        status, missing = self.node.get("/schemas/guids/00000000-0000-0000-0000-000000000000")
        self.assertEqual((status, missing["error_code"]), (404, 40403))

    def test_config_metadata_merged_and_alias_read(self):
        s = subject("contract")
        status, body = self.node.put("/config/%s" % q(s), {"overrideMetadata": {"properties": {"owner": "ops"}}})
        self.assertEqual(status, 200, body)
        status, body = self.node.register(s, V1, metadata={"properties": {"owner": "me", "tier": "1"}})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["metadata"], {"properties": {"owner": "ops", "tier": "1"}})
        alias = subject("alias")
        self.assertEqual(self.node.put("/config/%s" % q(alias), {"alias": s})[0], 200)
        status, version = self.node.get("/subjects/%s/versions/latest" % q(alias))
        self.assertEqual(status, 200, version)
        self.assertEqual((version["subject"], version["metadata"]), (s, body["metadata"]))


class ContentTypes(NodeCase):
    def test_request_content_types(self):
        for ct in (CT, CT_SR, CT_JSON, "application/octet-stream"):
            s = subject("ct")
            r = harness.request("POST", self.node.url + "/subjects/%s/versions" % q(s), {"schema": V1}, content_type=ct)
            self.assertEqual(r.status, 200, (ct, r.body))
            self.assertEqual(r.body["version"], 1)
        r = harness.request("POST", self.node.url + "/subjects/%s/versions" % q(subject("ct")), {"schema": V1},
                            content_type="text/plain")
        self.assertEqual(r.status, 415, r.body)
        self.assertEqual(r.body.get("error_code"), 415, r.body)

    def test_response_content_type(self):
        r = self.node.request("GET", "/subjects")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.headers.get("content-type", "").startswith(CT), r.headers)
        r = self.node.request("GET", "/subjects", accept="*/*")
        self.assertTrue(r.headers.get("content-type", "").startswith(CT), r.headers)
        r = self.node.request("GET", "/subjects", accept=CT_JSON)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.headers.get("content-type", "").startswith(CT_JSON), r.headers)
        r = self.node.request("GET", "/subjects", accept="text/html")
        self.assertEqual(r.status, 406, r.body)
        self.assertEqual(r.body.get("error_code"), 406, r.body)


class OtherFormats(NodeCase):
    """JSON Schema and Protobuf: skipped (with the reason) when the node says unsupported."""

    def register_or_skip(self, s, schema, schema_type, references=None):
        resp = self.node.register(s, schema, schema_type=schema_type, references=references)
        if unsupported(resp):
            self.skipTest("%s: node answered %r" % (schema_type, resp[1]))
        return self.assertOk(resp)

    def test_json_schema(self):
        s = subject("json")
        schema = '{"type":"object","properties":{"a":{"type":"string"}}}'
        r = self.register_or_skip(s, schema, "JSON")
        self.assertEqual((r["version"], r["schemaType"]), (1, "JSON"))
        got = self.assertOk(self.node.get("/subjects/%s/versions/1" % q(s)))
        self.assertEqual(got["schemaType"], "JSON")
        self.assertEqual(json.loads(got["schema"]), json.loads(schema))
        byid = self.assertOk(self.node.get("/schemas/ids/%d" % r["id"]))
        self.assertEqual(byid["schemaType"], "JSON")
        again = self.assertOk(self.node.register(s, schema, schema_type="JSON"))
        self.assertEqual((again["id"], again["version"]), (r["id"], 1))
        # the same text as Avro is a different (invalid) schema
        self.assertError(self.node.register(subject("json"), '{"type":"object"}'), 422, 42201)
        self.assertError(self.node.register(subject("json"), '{"type": 12}', schema_type="JSON"), 422, 42201)

    def test_protobuf(self):
        s = subject("proto")
        schema = 'syntax = "proto3";\npackage acme;\n\nmessage Money {\n  int64 units = 1;\n}\n'
        r = self.register_or_skip(s, schema, "PROTOBUF")
        self.assertEqual((r["version"], r["schemaType"]), (1, "PROTOBUF"))
        raw = self.node.request("GET", "/schemas/ids/%d/schema" % r["id"])
        self.assertEqual(raw.status, 200)
        self.assertIn("message Money", raw.raw.decode())
        got = self.assertOk(self.node.get("/subjects/%s/versions/latest" % q(s)))
        self.assertEqual(got["schemaType"], "PROTOBUF")
        # a reference through an import
        o = subject("proto")
        order = ('syntax = "proto3";\npackage acme;\nimport "money.proto";\n\n'
                 'message Order {\n  int64 id = 1;\n  acme.Money total = 2;\n}\n')
        refs = [{"name": "money.proto", "subject": s, "version": 1}]
        ro = self.assertOk(self.node.register(o, order, schema_type="PROTOBUF", references=refs))
        self.assertEqual(ro["references"], refs)
        self.assertEqual(self.node.get("/subjects/%s/versions/1/referencedby" % q(s)), (200, [ro["id"]]))
        self.assertError(self.node.register(subject("proto"), "message {", schema_type="PROTOBUF"), 422, 42201)


if __name__ == "__main__":
    harness.main()
