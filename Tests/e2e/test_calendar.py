"""#20 point 5: a person's deadlines as a calendar feed, read by a real iCalendar parser, the
same event moving when the incident is re-qualified; a revoked address answers 404."""

import os
import urllib.error
import urllib.request

import icalendar

from conftest import Riposte, own_database
from test_instances import call


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


def test_the_feed_validates_and_its_deadline_moves_when_the_incident_is_requalified(tmp_path):
    instance = Riposte(tmp_path, own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_calendar"))
    instance.env["RIPOSTE_SWEEP_INTERVAL"] = "0"
    result = instance.create_user("manager@example.test", "incident_manager")
    assert result.returncode == 0, result.stderr
    instance.start()
    try:
        token = instance.token("manager@example.test")
        status, _, made = call(instance.base_url, token, "POST", "/api/v1/me/calendar")
        assert status == 201
        url = made["url"]
        path = url[url.index("/calendar/"):]
        _, _, incident = call(instance.base_url, token, "POST", "/api/v1/incidents",
                              {"title": "Messagerie, en panne; depuis 8 h", "description": "Plus aucun e-mail"})
        for step, body in [("qualify", {"type": "messagerie", "severity": "minor"}),
                           ("transitions", {"to": "in_treatment"})]:
            status, _, _ = call(instance.base_url, token, "POST", f"/api/v1/incidents/{incident['id']}/{step}", body)
            assert status == 200

        def resolve_event():
            status, content_type, body = fetch(instance.base_url + path)
            assert status == 200 and content_type.startswith("text/calendar")
            # RFC 5545 as a strict reader takes it: CRLF lines of at most 75 octets, the calendar's
            # and each event's required properties, no component the parser had to repair.
            assert body.endswith(b"\r\n") and all(len(line) <= 75 for line in body.split(b"\r\n"))
            calendar = icalendar.Calendar.from_ical(body)
            assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
            for component in calendar.walk():
                assert not component.errors, component.errors
            for event in calendar.walk("VEVENT"):
                assert all(name in event for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"))
            events = [e for e in calendar.walk("VEVENT") if str(e["UID"]).endswith("-resolve@riposte")]
            assert len(events) == 1
            return events[0]

        minor = resolve_event()
        assert str(minor["SUMMARY"]).startswith(incident["number"])
        assert "Messagerie, en panne; depuis 8 h" in str(minor["SUMMARY"])
        status, _, _ = call(instance.base_url, token, "POST", f"/api/v1/incidents/{incident['id']}/qualify",
                            {"type": "messagerie", "severity": "major"})
        assert status == 200
        major = resolve_event()
        assert major["UID"] == minor["UID"]
        assert major.decoded("DTSTART") != minor.decoded("DTSTART")

        status, _, _ = call(instance.base_url, token, "DELETE", "/api/v1/me/calendar")
        assert status == 204
        try:
            fetch(instance.base_url + path)
            raise AssertionError("a revoked feed answered")
        except urllib.error.HTTPError as error:
            assert error.code == 404
    finally:
        instance.stop()
    log = (tmp_path / "serve.log").read_text()
    assert path not in log, "a feed's secret never reaches the logs"
