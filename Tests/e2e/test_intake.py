"""#18 point 2: real Alertmanager payloads (a group of two alerts firing, the same group re-sent
at its repeat interval, then resolved) posted with curl as Alertmanager's webhook would, and
what they leave in the register."""

import json
import os
import subprocess
from pathlib import Path

from conftest import Riposte, own_database
from test_instances import call

FIXTURES = Path(__file__).parent / "fixtures"


def curl(url, secret, fixture, basic=False):
    auth = ["-u", f"alertmanager:{secret}"] if basic else ["-H", f"Authorization: Bearer {secret}"]
    result = subprocess.run(
        ["curl", "-sS", "-X", "POST", url, "-H", "Content-Type: application/json", *auth,
         "--data-binary", f"@{FIXTURES / fixture}", "-w", "\n%{http_code}"],
        capture_output=True, text=True, timeout=30, check=True)
    body, _, status = result.stdout.rpartition("\n")
    return int(status), json.loads(body)


def test_an_alertmanager_group_files_events_once_and_resolves_the_weak_one(tmp_path):
    instance = Riposte(tmp_path, own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_intake"))
    instance.env["RIPOSTE_SWEEP_INTERVAL"] = "0"
    assert instance.create_user("admin@example.test", "admin").returncode == 0
    instance.start()
    try:
        token = instance.token("admin@example.test")
        status, _, integration = call(
            instance.base_url, token, "POST", "/api/v1/integrations",
            {"name": "Prometheus", "kind": "alertmanager", "mapping": {"critical": "major"}, "autoResolve": True})
        assert status == 201, integration
        url, secret = instance.base_url + integration["intakeURL"], integration["secret"]

        status, outcome = curl(url, secret, "alertmanager-firing.json")
        assert status == 200 and outcome["filed"] == 2, outcome
        for _ in range(3):
            status, outcome = curl(url, secret, "alertmanager-repeated.json", basic=True)
            assert status == 200 and outcome["repeated"] == 2 and outcome["filed"] == 0, outcome
        _, _, page = call(instance.base_url, token, "GET", "/api/v1/incidents?limit=50")
        events = {item["title"]: item for item in page["items"]}
        assert set(events) == {"Disque presque plein sur db1", "Latence élevée sur web2"}
        assert events["Disque presque plein sur db1"]["severity"] == "major"
        assert events["Latence élevée sur web2"]["severity"] == "low"

        status, outcome = curl(url, secret, "alertmanager-resolved.json")
        assert status == 200 and outcome["resolved"] == 1 and outcome["noted"] == 1, outcome
        _, _, page = call(instance.base_url, token, "GET", "/api/v1/incidents?limit=50")
        statuses = {item["title"]: item["status"] for item in page["items"]}
        assert statuses == {"Disque presque plein sur db1": "qualified", "Latence élevée sur web2": "resolved"}

        major = events["Disque presque plein sur db1"]
        _, _, journal = call(instance.base_url, token, "GET", f"/api/v1/incidents/{major['id']}/journal")
        alerts = [entry for entry in journal["items"] if entry["kind"] == "monitoring_alert"]
        assert [entry["details"]["status"] for entry in alerts] == ["firing", "resolved"]
        assert "instance=db1:9100" in alerts[0]["details"]["labels"]
        assert alerts[0]["details"]["source"].startswith("http://prometheus.acme.test:9090/graph")

        _, _, listed = call(instance.base_url, token, "GET", "/api/v1/integrations")
        assert listed["items"][0]["received"] == 10 and listed["items"][0]["filed"] == 2
        status, refused = curl(url, "rint_wrong", "alertmanager-firing.json")
        assert status == 401 and refused["error"]["code"] == "unauthorized"
    finally:
        instance.stop()
