"""The escalation sweep from the command line, and two sweeps started at once from two
processes: each escalation is made exactly once."""

import json
import subprocess
import time
import urllib.request

from test_instances import call


def test_two_sweep_processes_escalate_each_incident_once(riposte, admin_token):
    status, _, _ = call(riposte.base_url, admin_token, "PUT", "/api/v1/settings/sla",
                        {"minor": {"qualify": "PT1S", "resolve": "PT1S"}})
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

    sweeps = [subprocess.Popen([str(riposte_binary()), "sweep"], env=riposte.env, cwd=riposte.workdir,
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


def test_serve_sweeps_by_itself(riposte, admin_token):
    status, _, _ = call(riposte.base_url, admin_token, "PUT", "/api/v1/settings/sla",
                        {"minor": {"qualify": "PT1S", "resolve": "PT1S"}})
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


def riposte_binary():
    from conftest import BINARY
    return BINARY
