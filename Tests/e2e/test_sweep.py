"""The escalation sweep from the command line, and two sweeps started at once from two
processes: each escalation is made exactly once."""

import os
import subprocess
import time

import pytest

from conftest import ALL_ROLES, BINARY, Riposte, own_database
from test_instances import call


@pytest.fixture(scope="module")
def quiet(tmp_path_factory):
    """A Riposte that does not sweep by itself: only the commands under test escalate."""
    instance = Riposte(tmp_path_factory.mktemp("sweep"), own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_sweep"))
    instance.env["RIPOSTE_SWEEP_INTERVAL"] = "0"
    instance.start()
    try:
        assert instance.create_user("sweeper@example.test", ALL_ROLES).returncode == 0
        instance.token_value = instance.token("sweeper@example.test")
        yield instance
    finally:
        instance.stop()


def test_two_sweep_processes_escalate_each_incident_once(quiet):
    riposte, admin_token = quiet, quiet.token_value
    status, _, _ = call(riposte.base_url, admin_token, "PUT", "/api/v1/settings/sla",
                        {"minor": {"qualify": "PT1S", "resolve": "PT1S", "promoteAtDeadline": True}})
    assert status == 200
    incidents = []
    for index in range(5):
        _, _, incident = call(riposte.base_url, admin_token, "POST", "/api/v1/incidents",
                              {"title": f"Balayage {index}", "description": "SLA d'une seconde"})
        status, _, _ = call(riposte.base_url, admin_token, "POST", f"/api/v1/incidents/{incident['id']}/qualify",
                            {"type": "test", "severity": "minor"})
        assert status == 200
        incidents.append(incident)
    time.sleep(1.5)

    dry = riposte.run("sweep", "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "dry run" in dry.stdout
    for incident in incidents:
        assert incident["number"] in dry.stdout

    sweeps = [subprocess.Popen([str(BINARY), "sweep"], env=riposte.env, cwd=riposte.workdir,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for sweep in sweeps:
        out, err = sweep.communicate(timeout=120)
        assert sweep.returncode == 0, out + err

    for incident in incidents:
        _, _, journal = call(riposte.base_url, admin_token, "GET", f"/api/v1/incidents/{incident['id']}/journal")
        kinds = [entry["details"].get("kind") for entry in journal["items"] if entry["kind"] == "escalated"]
        assert kinds.count("minor_becomes_major") == 1, kinds
        assert len(kinds) == len(set(kinds)), kinds
        _, _, now = call(riposte.base_url, admin_token, "GET", f"/api/v1/incidents/{incident['id']}")
        assert now["severity"] == "major"
    assert riposte.run("journal", "verify").returncode == 0
    # Each escalation told its people once: this user holds every role the policy names.
    _, _, inbox = call(riposte.base_url, admin_token, "GET", "/api/v1/notifications?limit=200")
    numbers = [item["incidentNumber"] for item in inbox["items"] if item["event"] == "escalated"]
    assert sorted(numbers) == sorted(incident["number"] for incident in incidents)


def test_serve_sweeps_by_itself(riposte, admin_token):
    status, _, _ = call(riposte.base_url, admin_token, "PUT", "/api/v1/settings/sla",
                        {"minor": {"qualify": "PT1S", "resolve": "PT1S", "promoteAtDeadline": True}})
    assert status == 200
    _, _, incident = call(riposte.base_url, admin_token, "POST", "/api/v1/incidents",
                          {"title": "Balayage par serve", "description": "sans commande"})
    call(riposte.base_url, admin_token, "POST", f"/api/v1/incidents/{incident['id']}/qualify",
         {"type": "test", "severity": "minor"})
    deadline = time.time() + 15
    while time.time() < deadline:
        _, _, now = call(riposte.base_url, admin_token, "GET", f"/api/v1/incidents/{incident['id']}")
        if now["severity"] == "major":
            return
        time.sleep(0.5)
    raise AssertionError("riposte serve did not escalate the late minor incident")
