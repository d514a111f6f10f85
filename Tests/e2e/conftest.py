"""End-to-end tests: the real `riposte` binary, its commands and its HTTP server.

The database is an SQLite file in a temporary folder, or the PostgreSQL database in
E2E_DATABASE_URL when set (CI runs the suite once for each).
"""

import os
import socket
import subprocess
import time
import uuid
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("RIPOSTE_BIN", ROOT / ".build" / "debug" / "riposte"))
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Riposte:
    """Runs the binary against one database, as a person would from a shell."""

    def __init__(self, workdir: Path, database_url: str | None):
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "RIPOSTE_DB")}
        if database_url:
            self.env["DATABASE_URL"] = database_url
        else:
            self.env["RIPOSTE_DB"] = str(workdir / "riposte.sqlite")
        self.database_url = database_url
        # Sweep every second, so that escalation by `serve` itself can be seen in a test.
        self.env["RIPOSTE_SWEEP_INTERVAL"] = "1"
        # The tests' webhook receivers listen on loopback, which webhooks reach only when allowed.
        self.env["RIPOSTE_WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.1"
        self.server = None
        self.base_url = None

    def run(self, *args: str, stdin: str = "", check: bool = False) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(BINARY), *args], input=stdin, capture_output=True, text=True, env=self.env,
            cwd=self.workdir, timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"riposte {' '.join(args)} failed: {result.stdout}\n{result.stderr}")
        return result

    def create_user(self, email: str, roles: str, password: str = PASSWORD) -> subprocess.CompletedProcess:
        return self.run("user", "create", "--email", email, "--name", email.split("@")[0], "--roles", roles,
                        stdin=password + "\n")

    def token(self, email: str) -> str:
        return self.run("token", "create", "--email", email, check=True).stdout.strip().splitlines()[-1]

    def start(self) -> None:
        port = free_port()
        log = open(self.workdir / "serve.log", "w")
        self.server = subprocess.Popen(
            [str(BINARY), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            env=self.env, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT,
        )
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.base_url + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("riposte serve did not start: " + (self.workdir / "serve.log").read_text())

    def stop(self) -> None:
        if self.server:
            self.server.terminate()
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()


def own_database(suite_url: str | None, prefix: str) -> str | None:
    """A fresh PostgreSQL database beside the suite's, or None on SQLite (a new file then)."""
    if not suite_url:
        return None
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = suite_url.replace("/riposte_e2e?", "/postgres?")
    subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
    return suite_url.replace("/riposte_e2e?", f"/{name}?")


ALL_ROLES = ",".join([
    "reporter", "helpdesk_operator", "helpdesk_manager", "incident_manager", "response_team",
    "continuity_manager", "crisis_manager", "recovery_manager", "admin",
])


@pytest.fixture(scope="session")
def riposte(tmp_path_factory):
    # pytest keeps the last runs' folders: the database and serve.log stay for a post-mortem.
    instance = Riposte(tmp_path_factory.mktemp("riposte"), os.environ.get("E2E_DATABASE_URL") or None)
    instance.start()
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="session")
def admin_token(riposte) -> str:
    """A user holding every role, so that the whole API can be exercised."""
    result = riposte.create_user("chef@example.test", ALL_ROLES)
    assert result.returncode == 0, result.stderr
    return riposte.token("chef@example.test")


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test, so fixtures can tell a failure (screenshots)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
