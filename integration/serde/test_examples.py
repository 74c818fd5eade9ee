"""The example producer and consumer (examples/) against a live node and the test broker:
events written with Accord's Avro serializer come back through its deserializer."""
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import harness  # noqa: E402


def example(name):
    return os.path.abspath(os.path.join(os.path.dirname(harness.ACCORD), "..", "..", "examples", name))


class ExamplesTest(unittest.TestCase):
    def test_produce_then_consume(self):
        for program in ("accord-example-producer", "accord-example-consumer"):
            if not os.access(example(program), os.X_OK):
                self.skipTest("%s not built" % program)
        if not os.access(harness.BROKER, os.X_OK):
            self.skipTest("test broker not built at %s" % harness.BROKER)
        broker = harness.Broker(topics=["users:1"])
        node = harness.Node(name="examples").start()
        try:
            produced = subprocess.run([example("accord-example-producer"), broker.bootstrap, node.url, "users", "5"],
                                      capture_output=True, text=True, timeout=120)
            self.assertEqual(produced.returncode, 0, produced.stderr)
            consumed = subprocess.run([example("accord-example-consumer"), broker.bootstrap, node.url, "users", "5", "60"],
                                      capture_output=True, text=True, timeout=120)
            self.assertEqual(consumed.returncode, 0, consumed.stderr)
            events = [json.loads(line) for line in consumed.stdout.splitlines()]
            self.assertEqual([e["user_name"] for e in events], ["user-%d" % i for i in range(5)])
            status, body = node.get("/subjects/users-value/versions/latest")
            self.assertEqual(status, 200, body)
        finally:
            node.stop()


if __name__ == "__main__":
    harness.main()
