"""#13: nothing acknowledged is lost when the server is killed in the middle of writing.

Sixteen clients file incidents and journal entries; the server gets SIGKILL while they do;
after a restart every request that was answered 201 is there, and the journal chains verify.
"""

import json
import os
import threading
import time
import urllib.error
import urllib.request

from conftest import Riposte, own_database

CLIENTS = 16


def call(base_url, token, method, path, body=None):
    request = urllib.request.Request(
        base_url + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None
    except OSError:
        return None, None


def test_every_acknowledged_write_survives_a_kill(tmp_path):
    server = Riposte(tmp_path, own_database(os.environ.get("E2E_DATABASE_URL") or None, "crash"))
    server.env["RIPOSTE_SWEEP_INTERVAL"] = "0"
    assert server.create_user("writer@example.test", "helpdesk_operator,incident_manager").returncode == 0
    token = server.token("writer@example.test")
    server.start()
    base_url = server.base_url
    acknowledged_incidents, acknowledged_notes = [], []
    lock = threading.Lock()
    stop = threading.Event()

    def client(index):
        count = 0
        while not stop.is_set():
            count += 1
            status, incident = call(base_url, token, "POST", "/api/v1/incidents",
                                    {"title": f"Client {index} n°{count}", "description": "Avant la coupure"})
            if status != 201:
                continue
            with lock:
                acknowledged_incidents.append(incident["id"])
            text = f"note {index}-{count}"
            status, _ = call(base_url, token, "POST", f"/api/v1/incidents/{incident['id']}/journal",
                             {"kind": "note", "text": text})
            if status == 201:
                with lock:
                    acknowledged_notes.append((incident["id"], text))

    threads = [threading.Thread(target=client, args=(index,)) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    server.server.kill()  # SIGKILL: no shutdown, no flush, mid-request
    server.server.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(acknowledged_incidents) > 20, "the clients wrote before the kill"

    server.start()
    try:
        for incident_id in acknowledged_incidents:
            status, _ = call(server.base_url, token, "GET", f"/api/v1/incidents/{incident_id}")
            assert status == 200, incident_id
        journals = {}
        for incident_id, text in acknowledged_notes:
            if incident_id not in journals:
                _, page = call(server.base_url, token, "GET", f"/api/v1/incidents/{incident_id}/journal")
                journals[incident_id] = {entry["text"] for entry in page["items"]}
            assert text in journals[incident_id], (incident_id, text)
    finally:
        server.stop()
    verify = server.run("journal", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
