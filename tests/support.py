"""Real server processes for tests: start run.py (or any command) on a free loopback port,
wait until it answers, put its database back to a snapshot, stop it by its PID."""
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PASSWORD = "admin-password"
# The address phones in a hall would open (never connected to): the servers' QR codes hold it, and the
# pages show no "phones cannot open this address" warning. Pass env={"LIVE_PUBLIC_URL": ""} for none.
PUBLIC_URL = "http://192.168.1.10:5000"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, timeout=20.0, interval=0.05):
    """Poll `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"not true within {timeout} s: {check}")


class Server:
    """`python run.py --demo` as a real process on 127.0.0.1."""

    def __init__(self, db_path, port=None, env=None, args=()):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_path = Path(db_path)
        self.log_path = self.db_path.parent / f"server-{self.port}.log"
        self._snapshot = None
        inherited = {key: value for key, value in os.environ.items() if not key.startswith("LIVE_")}
        environment = {**inherited, "LIVE_ADMIN_PASSWORD": ADMIN_PASSWORD, "LIVE_PUBLIC_URL": PUBLIC_URL,
                       "LIVE_SECRET_KEY": "test-secret", "PYTHONUNBUFFERED": "1", **(env or {})}
        command = [sys.executable, "run.py", "--port", str(self.port), "--db", str(self.db_path), "--demo", *args]
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        try:
            wait_until(self._healthy, timeout=30)
        except AssertionError:
            self.stop()
            raise AssertionError(f"server did not start:\n{self.log_path.read_text()}")

    def snapshot(self):
        """Keep a copy of the database as it is now, for reset()."""
        self._snapshot = sqlite3.connect(":memory:")
        with closing(sqlite3.connect(self.db_path)) as live:
            live.backup(self._snapshot)

    def reset(self):
        """Put the database back as it was at snapshot() under the running server, with SQLite's
        backup API (it locks the file and writes it as one transaction): a fresh state in milliseconds
        where a new process takes seconds. The server reads its state from the database at every
        request; only its rate-limit counters, kept in memory, carry over."""
        with closing(sqlite3.connect(self.db_path, timeout=10)) as live:
            self._snapshot.backup(live)

    def _healthy(self):
        if self.process.poll() is not None:
            raise AssertionError(f"server exited:\n{self.log_path.read_text()}")
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def kill(self):
        """SIGKILL, as a crash would."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if self._snapshot is not None:
            self._snapshot.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()
