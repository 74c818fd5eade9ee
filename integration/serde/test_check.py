"""`accord check` against a live node: a sample repo passes and registers its governance
metadata; the user_name → username rename fails naming the field; a fixture that does not
match its schema fails naming the file and the path in it."""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import harness  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")


def copy_repo():
    repo = os.path.join(harness.make_tmpdir("accord-check-"), "repo")
    shutil.copytree(os.path.join(FIXTURES, "check-repo"), repo)
    return repo


def rename_user_name(repo):
    """The breaking change of the example: user_name renamed to username."""
    path = os.path.join(repo, "schemas", "user_updated.avsc")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("user_name", "username"))


def run_check(repo, *args):
    proc = subprocess.run([harness.ACCORD, "check", "--manifest", os.path.join(repo, "accord.json")] + list(args),
                          capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


class CheckTest(harness.NodeCase):
    def check(self, repo, *args):
        return run_check(repo, "--url", self.node.url, *args)

    def test_1_sample_repo_passes_and_registers(self):
        code, out = self.check(copy_repo(), "--register")
        self.assertEqual(code, 0, out)
        self.assertIn("PASS user.updated-value", out)
        self.assertIn("PASS order.placed-value", out)
        status, body = self.node.get("/subjects/user.updated-value/versions/latest")
        self.assertEqual(status, 200, body)
        props = body["metadata"]["properties"]
        self.assertEqual(props["owner"], "identity-team")
        self.assertEqual(props["consumers"], "analytics,email-service,search-indexer")
        self.assertEqual(props["key.schema"], "user.updated-key")
        self.assertEqual(props["pii"], "true")
        status, body = self.node.get("/subjects/order.placed-value/versions/latest")
        self.assertEqual(body["metadata"]["properties"]["consumers"], "billing,shipping")
        # Unchanged repo: still passes.
        code, out = self.check(copy_repo())
        self.assertEqual(code, 0, out)

    def test_1b_qualified_subject(self):
        # A manifest subject may name a context: checked and registered there, with the
        # context's own ids, and compatibility against that context's versions only.
        repo = copy_repo()
        path = os.path.join(repo, "accord.json")
        with open(path) as f:
            manifest = json.load(f)
        manifest["subjects"] = [dict(manifest["subjects"][0], subject=":.check-ctx:user.updated-value")]
        with open(path, "w") as f:
            json.dump(manifest, f)
        code, out = self.check(repo, "--register")
        self.assertEqual(code, 0, out)
        self.assertIn("PASS :.check-ctx:user.updated-value", out)
        status, body = self.node.get("/subjects/%s/versions/latest" % harness.q(":.check-ctx:user.updated-value"))
        self.assertEqual((status, body["id"]), (200, 1), body)
        self.assertEqual(body["metadata"]["properties"]["owner"], "identity-team")
        self.assertIn(".check-ctx", self.node.get("/contexts")[1])
        rename_user_name(repo)
        code, out = self.check(repo)
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL :.check-ctx:user.updated-value", out)

    def test_2_rename_is_refused_naming_the_field(self):
        self.check(copy_repo(), "--register")
        repo = copy_repo()
        rename_user_name(repo)
        code, out = self.check(repo)
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL user.updated-value", out)
        self.assertIn("username", out.split("FAIL user.updated-value", 1)[1])
        self.assertIn("incompatible:", out)
        self.assertIn("PASS order.placed-value", out)

    def test_3_bad_fixture_names_file_and_path(self):
        repo = copy_repo()
        shutil.copy(os.path.join(FIXTURES, "check-bad-fixture", "wrong_age.json"),
                    os.path.join(repo, "fixtures", "user_updated", "wrong_age.json"))
        code, out = self.check(repo)
        self.assertEqual(code, 1, out)
        self.assertIn("fixture wrong_age.json at /age", out)
        code, out = self.check(repo, "--format", "json")
        self.assertEqual(code, 1, out)
        report = json.loads(out)
        problems = [p for s in report["subjects"] for p in s["fixtures"]["problems"]]
        self.assertEqual([(p["file"], p["path"]) for p in problems], [("wrong_age.json", "/age")])

    def test_4_local_only(self):
        code, out = run_check(copy_repo(), "--no-registry")
        self.assertEqual(code, 0, out)
        self.assertIn("registry not consulted", out)

    def test_5_unreachable_registry_fails(self):
        code, out = run_check(copy_repo(), "--url", "http://127.0.0.1:%d" % harness.free_port())
        self.assertEqual(code, 1, out)
        self.assertIn("registry", out)


if __name__ == "__main__":
    harness.main()
