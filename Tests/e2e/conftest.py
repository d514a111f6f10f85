"""End-to-end tests: the real `riposte` binary, its commands and its HTTP server.

The database is an SQLite file in a temporary folder, or the PostgreSQL database in
E2E_DATABASE_URL when set (CI runs the suite once for each).
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import time
import uuid
import urllib.error
import urllib.parse
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


class Visitor:
    """One browser: its own cookies, the form token of the last page it read."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base_url + path, timeout=60) as response:
                html = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as error:
            html, status = error.read().decode(), error.code
        match = re.search(r'name="_csrf" value="([^"]+)"', html)
        if match:
            self.csrf = match.group(1)
        return status, html

    def post(self, path: str, fields: dict) -> int:
        data = urllib.parse.urlencode({**fields, "_csrf": self.csrf or ""}).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method="POST")
        try:
            with self.opener.open(request, timeout=60) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            error.read()
            return error.code

    def post_multipart(self, path: str, parts: list[tuple]) -> tuple[int, str]:
        """Posts a multipart form, its parts in the order given: (name, value) for a field,
        (name, bytes, file name, type) for a file. The form token is not added."""
        boundary = uuid.uuid4().hex
        body = b""
        for part in parts:
            name, value = part[0], part[1]
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
            if len(part) > 2:
                head += f'; filename="{part[2]}"\r\nContent-Type: {part[3]}'
            data = value if isinstance(value, bytes) else value.encode()
            body += (head + "\r\n\r\n").encode() + data + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.base_url + path, data=body, method="POST",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError:
            return "closed", ""  # the server may close the connection once it has refused



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
