#!/usr/bin/python3
"""docker-compose.yml cannot run here (no docker engine): check that it parses and has the
shape the docs promise (Kafka in KRaft mode, three Accord nodes advertising their own URLs).
Uses PyYAML when installed, otherwise a structural check of the text."""
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMPOSE = os.path.join(ROOT, "docker-compose.yml")
NODES = ("accord-1", "accord-2", "accord-3")


def load_services(text):
    try:
        import yaml
    except ImportError:
        return None
    doc = yaml.safe_load(text)
    assert isinstance(doc, dict) and isinstance(doc.get("services"), dict), "no services mapping"
    return doc["services"]


class Compose(unittest.TestCase):
    def setUp(self):
        with open(COMPOSE, encoding="utf-8") as f:
            self.text = f.read()

    def test_no_tabs_and_top_level_services(self):
        self.assertNotIn("\t", self.text, "YAML forbids tabs for indentation")
        self.assertRegex(self.text, re.compile(r"^services:\s*$", re.M))

    def test_services(self):
        services = load_services(self.text)
        if services is None:
            for name in ("kafka",) + NODES:
                self.assertRegex(self.text, re.compile(r"^  %s:\s*$" % re.escape(name), re.M))
            self.assertIn("apache/kafka", self.text)
            self.assertIn("KAFKA_PROCESS_ROLES", self.text)
            return
        self.assertIn("kafka", services)
        kafka = services["kafka"]
        self.assertTrue(str(kafka["image"]).startswith("apache/kafka"))
        self.assertIn("KAFKA_PROCESS_ROLES", kafka["environment"])
        for name in NODES:
            node = services[name]
            self.assertIn("build", node)
            env = node["environment"]
            self.assertEqual(env["ACCORD_ACCORD_ADVERTISED_URL"], "http://%s:8081" % name)
            self.assertIn("kafka", env["ACCORD_KAFKASTORE_BOOTSTRAP_SERVERS"])
            self.assertIn("http://0.0.0.0:8081", " ".join(node["command"]))

    def test_kafka_reachable_from_the_host(self):
        """integration/real-kafka.sh and host tools reach Kafka on localhost:29092; the test
        overlay lowers the group session floor for the tests' 3 s sessions."""
        services = load_services(self.text)
        if services is None:
            self.assertIn("HOST://localhost:29092", self.text)
            return
        kafka = services["kafka"]
        self.assertIn("29092:29092", kafka["ports"])
        self.assertIn("HOST://localhost:29092", kafka["environment"]["KAFKA_ADVERTISED_LISTENERS"])
        self.assertIn("HOST://:29092", kafka["environment"]["KAFKA_LISTENERS"])
        with open(os.path.join(ROOT, "docker-compose.test.yml"), encoding="utf-8") as f:
            overlay = load_services(f.read())
        self.assertEqual(overlay["kafka"]["environment"]["KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS"], "1000")

    def test_nodes_write_their_volume(self):
        """The image creates the data directory owned by its user, so a named volume mounted
        there is writable (a mount point Docker creates would belong to root)."""
        with open(os.path.join(ROOT, "Dockerfile"), encoding="utf-8") as f:
            docker = f.read()
        self.assertRegex(docker, r"install -d -o accord -g accord /var/lib/accord/data")
        services = load_services(self.text)
        if services is not None:
            for name in NODES:
                self.assertIn("%s:/var/lib/accord/data" % name, services[name]["volumes"])

    def test_dockerfile_builds_accord(self):
        with open(os.path.join(ROOT, "Dockerfile"), encoding="utf-8") as f:
            docker = f.read()
        self.assertRegex(docker, r"FROM debian:bookworm")
        self.assertIn("cmake", docker)
        self.assertIn("accord", docker)


if __name__ == "__main__":
    unittest.main(verbosity=2)
