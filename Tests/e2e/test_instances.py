"""Two Riposte processes on one database, as behind a load balancer: concurrent changes
of one incident are ordered by the database, whichever instance receives them."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import Riposte


@pytest.fixture(scope="module")
def second_instance(riposte):
    other = Riposte(riposte.workdir, riposte.database_url)
    other.env = dict(riposte.env)
    other.start()
    try:
        yield other
    finally:
        other.stop()


def call(base_url, token, method, path, body=None, headers=None):
    all_headers = {"Authorization": f"Bearer {token}", **(headers or {})}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base_url + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


def test_same_if_match_on_two_instances_exactly_one_wins(riposte, second_instance, admin_token):
    status, headers, incident = call(riposte.base_url, admin_token, "POST", "/api/v1/incidents",
                                     {"title": "Deux instances", "description": "If-Match"})
    assert status == 201
    etag = headers.get("etag") or headers.get("ETag")
    path = f"/api/v1/incidents/{incident['id']}/journal"
    bases = [riposte.base_url, second_instance.base_url]

    def write(index):
        return call(bases[index % 2], admin_token, "POST", path, {"kind": "note", "text": f"note {index}"},
                    {"If-Match": etag})[0]

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(write, range(24)))
    assert statuses.count(201) == 1, statuses
    assert statuses.count(412) == 23, statuses
    _, _, journal = call(riposte.base_url, admin_token, "GET", path)
    assert [entry["sequence"] for entry in journal["items"]] == [1, 2]


def test_without_if_match_every_change_lands_in_turn(riposte, second_instance, admin_token):
    _, _, incident = call(riposte.base_url, admin_token, "POST", "/api/v1/incidents",
                          {"title": "Deux instances", "description": "sans If-Match"})
    path = f"/api/v1/incidents/{incident['id']}/journal"
    bases = [riposte.base_url, second_instance.base_url]

    def write(index):
        return call(bases[index % 2], admin_token, "POST", path, {"kind": "action", "text": f"action {index}"})[0]

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(write, range(30)))
    assert statuses == [201] * 30
    _, _, journal = call(second_instance.base_url, admin_token, "GET", path)
    assert [entry["sequence"] for entry in journal["items"]] == list(range(1, 32))
    entries = journal["items"]
    assert all(later["previousHash"] == earlier["hash"] for earlier, later in zip(entries, entries[1:]))
    assert riposte.run("journal", "verify").returncode == 0


def test_reports_on_two_instances_get_distinct_numbers(riposte, second_instance, admin_token):
    bases = [riposte.base_url, second_instance.base_url]

    def report(index):
        status, _, body = call(bases[index % 2], admin_token, "POST", "/api/v1/incidents",
                               {"title": f"Rapport {index}", "description": "numérotation"})
        assert status == 201
        return body["number"]

    with ThreadPoolExecutor(max_workers=12) as pool:
        numbers = list(pool.map(report, range(40)))
    assert len(set(numbers)) == 40


def test_the_same_alert_delivered_to_two_instances_at_once_files_one_event(riposte, second_instance, admin_token):
    """#18 point 2: Alertmanager's replicas (or a retry) deliver the same alert to both instances
    at the same moment; the open key claimed in the database makes one event, the rest count."""
    status, _, integration = call(riposte.base_url, admin_token, "POST", "/api/v1/integrations",
                                  {"name": "Prometheus deux instances", "kind": "alertmanager"})
    assert status == 201, integration
    bases = [riposte.base_url, second_instance.base_url]
    payload = {"version": "4", "groupKey": "g", "status": "firing", "alerts": [
        {"status": "firing", "labels": {"alertname": "DeuxInstances"}, "annotations": {"summary": "Alerte sur deux instances"},
         "startsAt": "2026-12-05T08:00:00Z", "fingerprint": "two-instances"}]}

    def deliver(index):
        status, _, outcome = call(bases[index % 2], integration["secret"], "POST", integration["intakeURL"], payload)
        assert status == 200, outcome
        return outcome["filed"]

    with ThreadPoolExecutor(max_workers=20) as pool:
        filed = list(pool.map(deliver, range(20)))
    assert sum(filed) == 1, filed
    _, _, page = call(riposte.base_url, admin_token, "GET", "/api/v1/incidents?limit=200")
    assert [item["title"] for item in page["items"]].count("Alerte sur deux instances") == 1
    _, _, listed = call(riposte.base_url, admin_token, "GET", "/api/v1/integrations")
    mine = next(item for item in listed["items"] if item["id"] == integration["id"])
    assert mine["received"] == 20 and mine["filed"] == 1, mine
