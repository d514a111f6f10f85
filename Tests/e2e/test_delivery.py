"""Notifications leave Riposte for real: e-mail through Debian's msmtp to a local SMTP
server (aiosmtpd), webhooks to a local HTTP receiver; failures are retried with backoff,
and several dispatchers (serve and two `riposte dispatch` processes) send each message once."""

import base64
import email
import email.header
import json
import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from conftest import BINARY, Riposte, free_port, own_database
from test_instances import call


class Sink:
    """Keeps every message the SMTP server accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


class Receiver(ThreadingHTTPServer):
    """An HTTP endpoint that fails its first `failures` requests with 503."""

    def __init__(self, failures=0):
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.failures = failures
        self.requests = []
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class ReceiverHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.server.lock:
            self.server.requests.append((dict(self.headers), json.loads(body)))
            status = 503 if len(self.server.requests) <= self.server.failures else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def smtp():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, sink
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def notifying(tmp_path_factory, smtp):
    """A Riposte that mails through msmtp and dispatches and retries quickly."""
    controller, _ = smtp
    instance = Riposte(tmp_path_factory.mktemp("delivery"), own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_delivery"))
    instance.env.update({
        "RIPOSTE_SENDMAIL": f"msmtp --host=127.0.0.1 --port={controller.port} --auth=off --tls=off "
                            "--from=riposte@example.test -t",
        "RIPOSTE_DISPATCH_INTERVAL": "0.2",
        "RIPOSTE_DELIVERY_RETRY_BASE": "0.3",
        "RIPOSTE_SWEEP_INTERVAL": "0",
    })
    instance.start()
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def people(notifying):
    tokens = {}
    for role in ["incident_manager", "crisis_manager", "continuity_manager", "recovery_manager", "admin",
                 "helpdesk_operator"]:
        address = f"{role.replace('_', '.')}@example.test"
        result = notifying.create_user(address, role)
        assert result.returncode == 0, result.stderr
        tokens[role] = notifying.token(address)
    return tokens


def major_incident(instance, token, title):
    _, _, incident = call(instance.base_url, token, "POST", "/api/v1/incidents",
                          {"title": title, "description": "Notifications"})
    for path, body in [("qualify", {"type": "panne", "severity": "major"}), ("transitions", {"to": "in_treatment"})]:
        status, _, _ = call(instance.base_url, token, "POST", f"/api/v1/incidents/{incident['id']}/{path}", body)
        assert status == 200
    return incident


def wait_for(predicate, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def subject(message):
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def test_a_crisis_qualification_mails_the_crisis_and_incident_managers_within_a_dispatch_interval(
        notifying, people, smtp):
    _, sink = smtp
    sink.messages.clear()
    _, _, incident = call(notifying.base_url, people["helpdesk_operator"], "POST", "/api/v1/incidents",
                          {"title": "Rançongiciel sur le serveur de fichiers", "description": "Fichiers chiffrés"})
    started = time.time()
    status, _, qualified = call(notifying.base_url, people["helpdesk_operator"], "POST",
                                f"/api/v1/incidents/{incident['id']}/qualify",
                                {"type": "rançongiciel", "severity": "crisis"})
    assert status == 200
    assert [(p["plan"], p["involvement"]) for p in qualified["plans"]] == [("cmp", "invoked")]
    wait_for(lambda: len(sink.messages) >= 2, seconds=10)
    elapsed = time.time() - started
    # The dispatcher wakes every 0.2 s here; msmtp and the sink add their own time.
    assert elapsed < 2, f"{elapsed:.2f} s"
    time.sleep(0.5)
    by_recipient = {tuple(rcpt): message for rcpt, message in sink.messages}
    assert set(by_recipient) == {("crisis.manager@example.test",), ("incident.manager@example.test",)}
    message = by_recipient[("crisis.manager@example.test",)]
    assert subject(message) == f"[{incident['number']}] Incident qualifié crise"
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Rançongiciel sur le serveur de fichiers" in body


def test_activating_the_cmp_mails_the_incident_manager_through_msmtp(notifying, people, smtp):
    _, sink = smtp
    incident = major_incident(notifying, people["incident_manager"], "Messagerie en panne")
    status, _, _ = call(notifying.base_url, people["incident_manager"], "POST",
                        f"/api/v1/incidents/{incident['id']}/warnings", {"flow": 1, "message": "Décidez du CMP"})
    assert status == 201
    wait_for(lambda: any(tuple(rcpt) == ("crisis.manager@example.test",) and incident["number"] in subject(m)
                         for rcpt, m in sink.messages))
    sink.messages.clear()
    status, _, _ = call(notifying.base_url, people["crisis_manager"], "POST",
                        f"/api/v1/incidents/{incident['id']}/plans/cmp", {"action": "activate"})
    assert status == 200
    wait_for(lambda: len(sink.messages) >= 1)
    time.sleep(0.5)
    assert [tuple(rcpt) for rcpt, _ in sink.messages] == [("incident.manager@example.test",)]
    message = sink.messages[0][1]
    assert subject(message) == f"[{incident['number']}] CMP activé"
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Messagerie en panne" in body and "(flux 1)" in body
    _, _, deliveries = call(notifying.base_url, people["incident_manager"], "GET",
                            f"/api/v1/incidents/{incident['id']}/deliveries")
    assert sorted(d["state"] for d in deliveries["items"]) == ["delivered"] * 2
    _, _, inbox = call(notifying.base_url, people["continuity_manager"], "GET", "/api/v1/notifications")
    assert all(item["incidentNumber"] != incident["number"] for item in inbox["items"])


def test_a_receiver_failing_three_times_gets_exactly_one_message(notifying, people):
    receiver = Receiver(failures=3)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        status, _, hook = call(notifying.base_url, people["admin"], "POST", "/api/v1/webhooks",
                               {"url": receiver.url, "format": "generic", "events": ["plan_activated"]})
        assert status == 201
        incident = major_incident(notifying, people["incident_manager"], "Webhook capricieux")
        status, _, _ = call(notifying.base_url, people["continuity_manager"], "POST",
                            f"/api/v1/incidents/{incident['id']}/plans/bcp", {"action": "activate"})
        assert status == 200

        def delivered():
            _, _, page = call(notifying.base_url, people["incident_manager"], "GET",
                              f"/api/v1/incidents/{incident['id']}/deliveries")
            hooks = [d for d in page["items"] if d["channel"] == "webhook"]
            return hooks if hooks and hooks[0]["state"] == "delivered" else None

        hooks = wait_for(delivered)
        time.sleep(1)
        assert len(receiver.requests) == 4
        ids = {headers["X-Riposte-Delivery"] for headers, _ in receiver.requests}
        assert len(ids) == 1
        payload = receiver.requests[-1][1]
        assert payload["event"] == "plan_activated" and payload["plan"] == "bcp"
        assert payload["incident"]["number"] == incident["number"]
        assert hooks[0]["attempts"] == 4
        assert [a["outcome"] for a in hooks[0]["history"]] == ["failed", "failed", "failed", "delivered"]
        assert hooks[0]["history"][0]["error"] == "The webhook answered HTTP 503."
    finally:
        call(notifying.base_url, people["admin"], "DELETE", f"/api/v1/webhooks/{hook['id']}")
        receiver.shutdown()


def test_serve_and_two_dispatch_processes_send_each_message_once(notifying, people):
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        status, _, hook = call(notifying.base_url, people["admin"], "POST", "/api/v1/webhooks",
                               {"url": receiver.url, "format": "slack", "events": ["plan_activated"]})
        assert status == 201
        count = 12
        for index in range(count):
            incident = major_incident(notifying, people["incident_manager"], f"Rafale {index}")
            status, _, _ = call(notifying.base_url, people["recovery_manager"], "POST",
                                f"/api/v1/incidents/{incident['id']}/plans/drp", {"action": "activate"})
            assert status == 200
        processes = [subprocess.Popen([str(BINARY), "dispatch"], env=notifying.env, cwd=notifying.workdir,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for process in processes:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, out + err
            assert "delivered" in out
        wait_for(lambda: len(receiver.requests) >= count)
        time.sleep(1.5)
        ids = [headers["X-Riposte-Delivery"] for headers, _ in receiver.requests]
        assert len(ids) == count and len(set(ids)) == count
        assert all(body["text"].startswith("*[INC-") for _, body in receiver.requests)
    finally:
        call(notifying.base_url, people["admin"], "DELETE", f"/api/v1/webhooks/{hook['id']}")
        receiver.shutdown()


def test_an_unanswered_crisis_alert_reaches_the_backup_then_stops_once_acknowledged(notifying, people, smtp):
    _, sink = smtp
    status, _, _ = call(notifying.base_url, people["admin"], "POST", "/api/v1/contacts", {
        "kind": "role", "name": "crisis_manager", "contacts": [
            {"rank": "principal", "name": "Claire", "email": "crisis.manager@example.test"},
            {"rank": "backup", "name": "Bruno", "email": "bruno.backup@example.test"}]})
    assert status == 201
    status, _, _ = call(notifying.base_url, people["admin"], "PUT", "/api/v1/settings/sla",
                        {"crisis": {"qualify": "PT15M", "resolve": "PT4H", "statusReport": "PT1H",
                                    "acknowledge": "PT2S"}})
    assert status == 200
    sink.messages.clear()
    _, _, incident = call(notifying.base_url, people["helpdesk_operator"], "POST", "/api/v1/incidents",
                          {"title": "Centre de données à l'arrêt", "description": "Plus de courant"})
    started = time.time()
    status, _, _ = call(notifying.base_url, people["helpdesk_operator"], "POST",
                        f"/api/v1/incidents/{incident['id']}/qualify", {"type": "énergie", "severity": "crisis"})
    assert status == 200

    def to_backup():
        return [m for rcpt, m in sink.messages if tuple(rcpt) == ("bruno.backup@example.test",)]

    messages = wait_for(to_backup, seconds=15)
    elapsed = time.time() - started
    assert elapsed >= 2, f"the backup was told after {elapsed:.2f} s, before the delay"
    assert subject(messages[0]) == f"[{incident['number']}] Incident qualifié crise"
    # The crisis manager answers: nothing more goes out for this alert.
    _, _, inbox = call(notifying.base_url, people["crisis_manager"], "GET", "/api/v1/notifications")
    item = next(i for i in inbox["items"] if i["incidentNumber"] == incident["number"])
    assert item["needsAcknowledgement"]
    status, _, _ = call(notifying.base_url, people["crisis_manager"], "POST",
                        f"/api/v1/notifications/{item['id']}/acknowledge", None)
    assert status == 204
    # Past the next stage's time, the backup is not told again.
    time.sleep(3)
    assert len(to_backup()) == 1


def test_a_message_to_a_supplier_reaches_it_in_its_language_and_shows_delivered(notifying, people, smtp):
    """#16 point 4: written from the incident with the Dutch template, sent through msmtp to the
    supplier's principal contact, logged as a communication whose e-mail is delivered."""
    _, sink = smtp
    sink.messages.clear()
    admin, manager = people["admin"], people["incident_manager"]
    status, _, supplier = call(notifying.base_url, admin, "POST", "/api/v1/contacts", {
        "kind": "supplier", "name": "Leverancier BV", "contacts": [
            {"rank": "principal", "name": "Piet", "email": "piet@leverancier.test"},
            {"rank": "backup", "name": "Els", "email": "els@leverancier.test"}]})
    assert status == 201, supplier
    _, _, incident = call(notifying.base_url, manager, "POST", "/api/v1/incidents",
                          {"title": "Facturatie onderbroken", "description": "Geen facturen sinds 9 uur"})
    base = f"/api/v1/incidents/{incident['id']}"
    status, _, _ = call(notifying.base_url, manager, "POST", f"{base}/qualify",
                        {"type": "panne", "severity": "minor"})
    assert status == 200
    status, _, _ = call(notifying.base_url, manager, "POST", f"{base}/parties",
                        {"partyId": supplier["id"], "relation": "affected"})
    assert status == 201
    status, _, draft = call(notifying.base_url, manager, "GET", f"{base}/messages/draft?kind=resolved&language=nl")
    assert status == 200, draft
    assert [p["address"] for p in draft["parties"]] == ["piet@leverancier.test"]
    assert "opgelost" in draft["subject"] and incident["number"] in draft["subject"]
    status, _, sent = call(notifying.base_url, manager, "POST", f"{base}/messages", {
        "kind": "resolved", "language": "nl", "parties": [supplier["id"]],
        "subject": draft["subject"], "body": draft["body"]})
    assert status == 201, sent
    wait_for(lambda: any("piet@leverancier.test" in to for to, _ in sink.messages), seconds=15)
    to, message = next((to, m) for to, m in sink.messages if "piet@leverancier.test" in to)
    assert to == ["piet@leverancier.test"]
    assert subject(message) == draft["subject"]
    text = message.get_payload(decode=True).decode("utf-8")
    assert text == draft["body"] and "Facturatie onderbroken" in text and "opgelost" in text
    assert message["Auto-Submitted"] is None and "incident.manager@example.test" in message["Reply-To"]

    def delivered():
        _, _, listed = call(notifying.base_url, manager, "GET", f"{base}/communications")
        logged = next(item for item in listed["items"] if item["id"] == sent["id"])
        return [d["state"] for d in logged["deliveries"]] == ["delivered"]

    wait_for(delivered, seconds=15)


def test_a_personal_data_breach_assessed_mails_the_privacy_officer(notifying, people, smtp):
    """#17: the privacy officer is told by e-mail as soon as a breach is assessed, in words."""
    _, sink = smtp
    address = "dpo@example.test"
    result = notifying.create_user(address, "privacy_officer")
    assert result.returncode == 0, result.stderr
    sink.messages.clear()
    _, _, incident = call(notifying.base_url, people["helpdesk_operator"], "POST", "/api/v1/incidents",
                          {"title": "Fichier clients envoyé au mauvais destinataire", "description": "1 200 clients"})
    status, _, assessed = call(notifying.base_url, people["helpdesk_operator"], "PUT",
                               f"/api/v1/incidents/{incident['id']}/assessment",
                               {"personalData": {"dataCategories": "Noms, e-mails", "risk": "high"}})
    assert status == 200, assessed
    assert [o["id"] for o in assessed["obligations"]] == ["gdpr_authority", "gdpr_data_subjects"]
    wait_for(lambda: any(tuple(rcpt) == (address,) for rcpt, _ in sink.messages))
    message = next(m for rcpt, m in sink.messages if tuple(rcpt) == (address,))
    assert subject(message) == (f"[{incident['number']}] Violation de données personnelles à risque élevé : "
                                "les personnes concernées doivent être informées")
    body = message.get_payload(decode=True).decode("utf-8")
    assert "Fichier clients envoyé au mauvais destinataire" in body
    assert "délégué à la protection des données" in body


def test_decisions_taken_now_are_never_in_the_future(notifying, people):
    """A decision without its time is taken at the request's own time, whatever the clock reads
    a moment later (a later reading made some 'in the future', 422)."""
    token = people["incident_manager"]
    for index in range(15):
        _, _, incident = call(notifying.base_url, token, "POST", "/api/v1/incidents",
                              {"title": f"Clé USB chiffrée {index}", "description": "Perdue"})
        status, _, _ = call(notifying.base_url, token, "PUT", f"/api/v1/incidents/{incident['id']}/assessment",
                            {"personalData": {"risk": "none", "encrypted": True}})
        assert status == 200
        status, _, body = call(notifying.base_url, token, "POST",
                               f"/api/v1/incidents/{incident['id']}/obligations/gdpr_authority/decisions",
                               {"reason": "Chiffrée: risque improbable"})
        assert status == 201, body
