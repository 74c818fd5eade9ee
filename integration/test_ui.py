#!/usr/bin/python3
"""The web UI (docs/ui.md) in a real browser: Debian's headless Chromium driven by
chromium-driver and python3-selenium against a real node. Catalog search, paging and
filters, a subject, a diff, a failing check, the map, the cluster view, subjects with odd
names; with authentication on, a reader limited to some subjects never sees the others.

ACCORD_UI_SCREENSHOTS=<dir> saves the screenshots the README shows (ui-catalog.png,
ui-subject.png, ui-diff.png, ui-map.png) into that directory."""
import json
import os
import sys
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "security"))
import harness  # noqa: E402
from harness import q  # noqa: E402
import ui_browser  # noqa: E402
from security_support import PASSWORDS, WRITER_TOKEN, basic, write_users  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

SCREENSHOTS = os.environ.get("ACCORD_UI_SCREENSHOTS")


def record(name, fields, doc=None):
    schema = {"type": "record", "name": name, "namespace": "com.example.events", "fields": fields}
    if doc:
        schema["doc"] = doc
    return json.dumps(schema)


ORDER_V1 = record("OrderPlaced", [
    {"name": "order_id", "type": "string", "doc": "The order's key, as the shop shows it"},
    {"name": "user_name", "type": "string", "doc": "Who placed the order"},
    {"name": "total_cents", "type": "long"},
    {"name": "shipping", "type": {"type": "record", "name": "Address", "fields": [
        {"name": "city", "type": "string"}, {"name": "postcode", "type": "string"}]}},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
], doc="A customer placed an order in the shop")
ORDER_V2 = record("OrderPlaced", [
    {"name": "order_id", "type": "string", "doc": "The order's key, as the shop shows it"},
    {"name": "user_name", "type": "string", "doc": "Who placed the order"},
    {"name": "total_cents", "type": "long"},
    {"name": "shipping", "type": {"type": "record", "name": "Address", "fields": [
        {"name": "city", "type": "string"}, {"name": "postcode", "type": "string"}]}},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"],
                                "default": "NEW"}},
    {"name": "coupon", "type": ["null", "string"], "default": None, "doc": "Discount code, if any"},
], doc="A customer placed an order in the shop")
# The rename `accord check` refuses: user_name -> username without a default.
ORDER_RENAMED = ORDER_V2.replace('"user_name"', '"username"')
ODD_SUBJECT = "team/a b%ü-value"
BULK = 130


def governance(owner, producers, consumers, description=None):
    properties = {"owner": owner, "producers": producers, "consumers": consumers}
    if description:
        properties["description"] = description
    return {"metadata": {"properties": properties}}


def seed(node, headers=None):
    """Three formats, references, governance, odd names, and enough subjects to page."""
    kw = {"headers": headers} if headers else {}

    def register(subject, schema, schema_type=None, references=None, **extra):
        body = {"schema": schema}
        if schema_type:
            body["schemaType"] = schema_type
        if references:
            body["references"] = references
        body.update(extra)
        st, answer = node.post("/subjects/%s/versions" % q(subject), body, **kw)
        assert st == 200, (subject, st, answer)

    register("orders-value", ORDER_V1, **governance("checkout-team", "checkout", "billing,shipping",
                                                     "Orders placed in the shop"))
    register("orders-value", ORDER_V2, **governance("checkout-team", "checkout", "billing,shipping",
                                                     "Orders placed in the shop"))
    register("payments-value", record("PaymentTaken", [{"name": "amount_cents", "type": "long"}]),
             **governance("payments-team", "payments", "billing"))
    register("customers-json", json.dumps({
        "type": "object", "title": "Customer", "properties": {
            "email": {"type": "string", "description": "Where receipts are sent"},
            "address": {"type": "object", "properties": {"city": {"type": "string"}}}}}),
        "JSON", **governance("crm-team", "crm", "marketing"))
    register("money", 'syntax = "proto3";\npackage shop;\nmessage Money {\n  int64 units = 1;\n  string currency = 2;\n}\n',
             "PROTOBUF")
    register("refunds-value", 'syntax = "proto3";\npackage shop;\nimport "money.proto";\n'
                              'message Refund {\n  string order_id = 1;\n  shop.Money amount = 2;\n}\n',
             "PROTOBUF", [{"name": "money.proto", "subject": "money", "version": 1}],
             **governance("payments-team", "payments", "billing"))
    register(ODD_SUBJECT, record("Odd", [{"name": "groesse", "type": "int", "doc": "Größe der Bestellung"}]))
    for i in range(BULK):
        extra = governance("bulk-team", "bulk-producer", "bulk-consumer") if i % 10 == 0 else {}
        register("bulk-%03d-value" % i, record("Bulk%d" % i, [{"name": "n", "type": "int"}]), **extra)


def skip_without_browser():
    reason = ui_browser.available()
    if reason:
        raise unittest.SkipTest(reason)


class UiCase(harness.NodeCase):
    @classmethod
    def setUpClass(cls):
        skip_without_browser()
        super().setUpClass()
        try:
            cls.seed()
            cls.browser = ui_browser.Browser()
        except BaseException:
            cls.node.kill()
            raise

    @classmethod
    def seed(cls):
        seed(cls.node)

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "browser", None):
            cls.browser.quit()
        super().tearDownClass()

    @property
    def d(self):
        return self.browser.driver

    def open(self, path):
        self.d.get(self.node.url + path)
        self.browser.wait_view()

    def click(self, by, what):
        """Clicks a link or button that changes the view and waits for the new one."""
        self.d.find_element(by, what).click()
        self.browser.wait_view()

    def wait_for(self, css, timeout=30):
        """The first element matching css, once there (and the view rendered)."""
        return self.browser.wait(lambda d: (d.find_elements(By.CSS_SELECTOR, css) or [None])[0], timeout,
                                 "element %s on %s" % (css, self.d.current_url))

    def wait_text(self, css, text, timeout=30):
        return self.browser.wait(
            lambda d: any(text in e.text for e in d.find_elements(By.CSS_SELECTOR, css)), timeout,
            "%r in %s on %s" % (text, css, self.d.current_url))

    def rows(self):
        return [a.text for a in self.d.find_elements(By.CSS_SELECTOR, "#results a.subject")]

    def screenshot(self, name):
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)
            self.d.save_screenshot(os.path.join(SCREENSHOTS, name))


class CatalogUi(UiCase):
    TOTAL = BULK + 6

    def test_catalog_search_page_filter(self):
        self.open("/ui/subjects")
        self.wait_text("#count", "of %d subjects" % self.TOTAL)
        self.assertEqual(len(self.rows()), 50)
        # Paging: the next page starts where the first ended.
        first = self.rows()
        self.click(By.ID, "next")
        self.wait_text("#count", "51–100 of %d" % self.TOTAL)
        self.assertNotEqual(self.rows()[0], first[0])
        self.assertIn("offset=50", self.d.current_url)
        # Search: a consumer's name finds the subjects it reads.
        box = self.d.find_element(By.ID, "q")
        box.clear()
        box.send_keys("billing", Keys.ENTER)
        self.browser.wait_view()
        self.wait_text("#count", "of 3 subjects")
        self.assertEqual(self.rows(), ["orders-value", "payments-value", "refunds-value"])
        self.assertIn("q=billing", self.d.current_url)
        self.screenshot("ui-catalog.png")
        # A field's doc string.
        self.open("/ui/subjects?q=receipts")
        self.wait_text("#count", "of 1 subjects")
        self.assertEqual(self.rows(), ["customers-json"])
        # Filter by producer in the form.
        self.open("/ui/subjects")
        self.wait_text("#count", "of %d" % self.TOTAL)
        self.d.find_element(By.ID, "f-producer").send_keys("bulk-producer")
        self.click(By.ID, "search")
        self.wait_text("#count", "of 13 subjects")
        self.assertTrue(all(r.startswith("bulk-") for r in self.rows()))
        self.assertIn("producer=bulk-producer", self.d.current_url)
        # A producer link in a row filters by that producer.
        self.open("/ui/subjects?q=orders")
        self.wait_text("#count", "of 1 subjects")
        self.click(By.LINK_TEXT, "checkout")
        self.wait_text("#count", "of 1 subjects")
        self.assertIn("producer=checkout", self.d.current_url)
        # Type filter from the address.
        self.open("/ui/subjects?schemaType=PROTOBUF")
        self.wait_text("#count", "of 2 subjects")
        self.assertEqual(self.rows(), ["money", "refunds-value"])

    def test_subject_view(self):
        self.open("/ui/subjects?q=orders")
        self.wait_text("#count", "of 1 subjects")
        self.click(By.LINK_TEXT, "orders-value")
        self.wait_text("#subject-name", "orders-value")
        self.assertEqual(self.d.current_url, self.node.url + "/ui/subjects/orders-value")
        fields = self.wait_for("#fields")
        self.assertIn("user_name", fields.text)
        self.assertIn("Who placed the order", fields.text)
        self.assertIn("coupon", fields.text)
        # Nested fields open under their parent.
        city = self.d.find_element(By.CSS_SELECTOR, '#fields tr[data-path="shipping.city"]')
        self.assertFalse(city.is_displayed())
        self.d.find_element(By.CSS_SELECTOR, '#fields tr[data-path="shipping"] .toggle').click()
        self.browser.wait(lambda d: city.is_displayed(), 10, "nested field shown")
        governance = self.d.find_element(By.ID, "governance").text
        for text in ("checkout-team", "checkout", "billing", "shipping", "Orders placed in the shop"):
            self.assertIn(text, governance)
        self.assertEqual(self.d.find_element(By.ID, "version").text, "2")
        self.assertEqual(self.d.find_element(By.ID, "compatibility").text, "BACKWARD")
        st, latest = self.node.get("/subjects/orders-value/versions/latest")
        self.assertEqual(self.d.find_element(By.ID, "schema-id").text, str(latest["id"]))
        self.assertIn("KafkaAvroSerializer", self.d.find_element(By.ID, "snippet").text)
        self.assertIn("coupon", self.d.find_element(By.CSS_SELECTOR, "pre.code").text)
        self.screenshot("ui-subject.png")
        # An older version by its own address.
        self.click(By.LINK_TEXT, "v1")
        self.browser.wait(lambda d: d.find_element(By.ID, "version").text == "1", 20, "version 1 shown")
        self.assertTrue(self.d.current_url.endswith("/ui/subjects/orders-value/versions/1"))
        self.assertNotIn("coupon", self.d.find_element(By.ID, "fields").text)

    def test_references_and_protobuf_fields(self):
        self.open("/ui/subjects/refunds-value")
        fields = self.wait_for("#fields")
        self.assertIn("shop.Money", fields.text)
        self.click(By.CSS_SELECTOR, "#references a")
        self.wait_text("#subject-name", "money")
        self.wait_text("#fields", "currency")
        self.wait_text("#referenced-by", "refunds-value")
        self.click(By.CSS_SELECTOR, "#referenced-by a")
        self.wait_text("#subject-name", "refunds-value")

    def test_diff(self):
        self.open("/ui/subjects/orders-value")
        self.click(By.ID, "compare")
        self.wait_for("#changes")
        self.assertTrue(self.d.current_url.endswith("/ui/subjects/orders-value/diff/1/2"), self.d.current_url)
        changes = self.d.find_element(By.ID, "changes").text
        self.assertIn("field added", changes)
        self.assertIn("coupon", changes)
        self.assertIn("symbol added", changes)
        self.assertIn("SHIPPED", changes)
        self.assertIn("compatible", self.d.find_element(By.ID, "backward").text)
        self.assertNotIn("incompatible", self.d.find_element(By.ID, "backward").text)
        self.assertIn("+", self.d.find_element(By.ID, "textdiff").text)
        self.screenshot("ui-diff.png")
        # Reversed, v1 cannot read v2's new enum symbol: the registry's message is shown.
        self.open("/ui/subjects/orders-value/diff/2/1")
        self.wait_text("#backward", "incompatible")

    def test_check_refuses_the_rename(self):
        self.open("/ui/check?subject=orders-value")
        self.wait_for("#check-schema").send_keys(ORDER_RENAMED)
        self.d.find_element(By.ID, "check-run").click()
        verdict = self.wait_for("#verdict .messages")
        st, expected = self.node.post("/compatibility/subjects/orders-value/versions?verbose=true",
                                      {"schema": ORDER_RENAMED})
        self.assertEqual(st, 200)
        self.assertFalse(expected["is_compatible"])
        shown = [li.text for li in verdict.find_elements(By.TAG_NAME, "li")]
        self.assertEqual(shown, expected["messages"])
        self.assertTrue(any("username" in m for m in shown), shown)
        self.assertIn("Incompatible", self.d.find_element(By.ID, "verdict").text)
        # A compatible candidate.
        box = self.d.find_element(By.ID, "check-schema")
        box.clear()
        box.send_keys(ORDER_V2)
        self.d.find_element(By.ID, "check-run").click()
        self.wait_text("#verdict", "Compatible")

    def test_map(self):
        self.open("/ui/map")
        graph = self.wait_for("svg#map")
        labels = [t.text for t in graph.find_elements(By.CSS_SELECTOR, "a.node text")]
        for name in ("checkout", "billing", "orders-value", "payments-value", "customers-json"):
            self.assertIn(name, labels)
        self.screenshot("ui-map.png")
        self.click(By.LINK_TEXT, "billing")
        self.wait_text("h1", "Map: billing")
        self.assertIn("service=billing", self.d.current_url)
        labels = [t.text for t in self.d.find_elements(By.CSS_SELECTOR, "svg#map a.node.subject text")]
        self.assertEqual(sorted(labels), ["orders-value", "payments-value", "refunds-value"])
        self.click(By.CSS_SELECTOR, "svg#map a.node.subject")
        self.wait_for("#subject-name")
        self.assertIn("/ui/subjects/", self.d.current_url)

    def test_odd_subject_names(self):
        self.open("/ui/subjects?q=" + urllib.parse.quote("größe"))
        self.wait_text("#count", "of 1 subjects")
        self.click(By.LINK_TEXT, ODD_SUBJECT)
        self.wait_text("#subject-name", ODD_SUBJECT)
        self.assertIn("/ui/subjects/team%2Fa%20b%25%C3%BC-value", self.d.current_url)
        # The deep link loads on its own.
        self.open("/ui/subjects/%s/diff/1/1" % q(ODD_SUBJECT))
        self.wait_text("h1", ODD_SUBJECT)
        self.assertIn("No structural change", self.wait_for("#changes").text)

    def test_cluster(self):
        self.open("/ui/cluster")
        self.wait_text("#role", "standalone")
        self.assertIn("yes", self.d.find_element(By.ID, "ready").text)
        st, cluster = self.node.get("/accord/v1/cluster")
        self.assertEqual(self.d.find_element(By.ID, "applied").text, str(cluster["applied_offset"]))

    def test_ui_files_over_http(self):
        r = self.node.request("GET", "/ui/app.js")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.headers["content-type"].startswith("text/javascript"))
        again = self.node.request("GET", "/ui/app.js", headers={"If-None-Match": r.headers["etag"]})
        self.assertEqual(again.status, 304)
        page = self.node.request("GET", "/ui/subjects/a%2Fb/diff/1/2", accept="text/html,*/*;q=0.8")
        self.assertEqual(page.status, 200)
        self.assertTrue(page.headers["content-type"].startswith("text/html"))
        self.assertError(self.node.get("/ui/missing.js"), 404, 404)


class DisabledUi(harness.NodeCase):
    NODE_ARGS = ["--set", "accord.ui.enabled=false"]

    def test_off(self):
        self.assertError(self.node.get("/ui/subjects"), 404, 404)
        self.assertEqual(self.node.get("/accord/v1/catalog")[0], 200)


class AuthenticatedUi(UiCase):
    """The reader may read orders-* only: the catalog, its count, search and the map show
    nothing else, and another subject's page is refused."""

    @classmethod
    def setUpClass(cls):
        skip_without_browser()
        cls.work = harness.make_tmpdir("accord-ui-auth-")
        cls.NODE_ARGS = ["--set", "authentication.method=BASIC",
                         "--set", "accord.auth.file=" + write_users(cls.work)]
        super().setUpClass()

    @classmethod
    def seed(cls):
        seed(cls.node, basic("admin"))
        st, _ = cls.node.post("/subjects/orders-archive/versions", {"schema": record("Archived", [])},
                              headers=basic("admin"))
        assert st == 200

    def setUp(self):
        # Each test starts signed out: no credentials in the app, none sent by the browser.
        self.d.get(self.node.url + "/ui/login")
        self.d.execute_script("sessionStorage.clear()")
        self.d.execute_cdp_cmd("Network.enable", {})
        self.d.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})

    def sign_in(self, user, password):
        self.wait_for("form.signin")
        self.d.find_element(By.NAME, "username").send_keys(user)
        self.d.find_element(By.NAME, "password").send_keys(password)
        self.d.find_element(By.CSS_SELECTOR, "form.signin button[type=submit]").click()
        self.browser.wait_view()

    def test_browser_prompt_credentials(self):
        """The API's 401 carries WWW-Authenticate: Basic, so a browser prompts and then sends
        what the user typed with every request. Headless Chromium has no prompt to type
        into: the DevTools protocol sends the same header, as the browser would after it."""
        self.d.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": basic("reader")})
        self.open("/ui/subjects")
        self.wait_text("#count", "of 2 subjects")
        self.assertEqual(self.rows(), ["orders-archive", "orders-value"])
        # Search never reaches past the ACL: billing also consumes payments-value.
        self.open("/ui/subjects?q=billing")
        self.wait_text("#count", "of 1 subjects")
        self.assertEqual(self.rows(), ["orders-value"])
        self.open("/ui/subjects?producer=bulk-producer")
        self.wait_text("#count", "No subjects match")
        self.open("/ui/subjects?deleted=true&q=value")
        self.wait_text("#count", "of 1 subjects")
        # The map: only the readable subject and its services.
        self.open("/ui/map")
        graph = self.wait_for("svg#map")
        labels = [t.text for t in graph.find_elements(By.CSS_SELECTOR, "a.node.subject text")]
        self.assertEqual(labels, ["orders-value"])
        self.assertNotIn("payments", self.d.find_element(By.ID, "services").text)
        # Another subject's page is refused by the API, and the UI says so.
        self.open("/ui/subjects/payments-value")
        self.wait_text(".error", "403")
        self.open("/ui/subjects/orders-value/diff/1/2")
        self.wait_for("#changes")

    def test_sign_in_form(self):
        self.open("/ui/login")
        self.sign_in("reader", "wrong")
        self.wait_text("form.signin", "not accepted")
        self.d.find_element(By.NAME, "username").clear()
        self.sign_in("reader", PASSWORDS["reader"])
        self.wait_text("#count", "of 2 subjects")
        self.assertEqual(self.rows(), ["orders-archive", "orders-value"])
        self.wait_text("#who", "reader")
        self.open("/ui/subjects?q=billing")
        self.wait_text("#count", "of 1 subjects")
        self.assertEqual(self.rows(), ["orders-value"])
        # Signing out forgets the credentials.
        self.d.find_element(By.CSS_SELECTOR, "#who button").click()
        self.browser.wait(lambda d: d.execute_script("return sessionStorage.length") == 0, 10, "credentials forgotten")

    def test_bearer_token(self):
        self.open("/ui/login")
        self.d.find_elements(By.CSS_SELECTOR, "form.signin input[type=radio]")[1].click()
        self.d.find_element(By.NAME, "token").send_keys(WRITER_TOKEN)
        self.d.find_element(By.CSS_SELECTOR, "form.signin button[type=submit]").click()
        self.browser.wait_view()
        self.wait_text("#count", "of 2 subjects")
        self.assertEqual(self.rows(), ["orders-archive", "orders-value"])

    def test_api_counts_for_the_reader(self):
        st, page = self.node.get("/accord/v1/catalog?deleted=true", headers=basic("reader"))
        self.assertEqual(st, 200)
        self.assertEqual(page["total"], 2)
        st, page = self.node.get("/accord/v1/catalog", headers=basic("admin"))
        self.assertEqual(page["total"], BULK + 7)
        r = self.node.request("GET", "/accord/v1/catalog")
        self.assertEqual(r.status, 401)
        self.assertTrue(r.headers["www-authenticate"].startswith("Basic"))
        self.assertError(self.node.get("/accord/v1/subjects/payments-value/diff?from=1&to=1", headers=basic("reader")),
                         403, 40301)
        # The app's files need no credentials: its data does.
        self.assertEqual(self.node.request("GET", "/ui/subjects").status, 200)
        # The UI's own sign-in form asks with X-Requested-With: a challenge browsers do not prompt for.
        r = self.node.request("GET", "/accord/v1/catalog", headers={"X-Requested-With": "XMLHttpRequest"})
        self.assertEqual((r.status, r.headers["www-authenticate"]), (401, 'Bearer realm="accord"'))


if __name__ == "__main__":
    harness.main()
