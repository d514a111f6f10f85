"""#19 point 2: `GET /metrics` of the real server parses with Prometheus's own text parser, is
refused without its token, and its counters move as incidents are filed and the background
jobs run; with `RIPOSTE_LOG_FORMAT=json` every log line is a JSON object, and a request's id
is in its answer, its lines and its error page."""

import json
import os
import time
import urllib.error
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import ALL_ROLES, Riposte, own_database
from test_instances import call

TOKEN = "a-scraper-token-for-the-tests"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    instance = Riposte(tmp_path_factory.mktemp("metrics"),
                       own_database(os.environ.get("E2E_DATABASE_URL"), "metrics"))
    instance.env["RIPOSTE_METRICS_TOKEN"] = TOKEN
    instance.env["RIPOSTE_DISPATCH_INTERVAL"] = "1"
    instance.env["RIPOSTE_LOG_FORMAT"] = "json"
    # The tests' client stands for the proxy in front: its request ids are believed.
    instance.env["RIPOSTE_TRUSTED_PROXIES"] = "127.0.0.1"
    assert instance.create_user("admin@example.test", ALL_ROLES).returncode == 0
    instance.start()
    yield instance
    instance.stop()


def scrape(server, token=TOKEN):
    request = urllib.request.Request(server.base_url + "/metrics", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        text = response.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


def test_without_its_token_metrics_are_refused(server):
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        request = urllib.request.Request(server.base_url + "/metrics", headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 401


def test_counters_move_as_incidents_are_filed(server):
    token = server.token("admin@example.test")
    before = scrape(server)
    filed = ("riposte_http_requests_total", dict(route="/api/v1/incidents", method="POST", status="201"))
    open_reported = ("riposte_incidents_open", dict(severity="none", status="reported"))
    for index in range(5):
        status, _, _ = call(server.base_url, token, "POST", "/api/v1/incidents",
                            {"title": f"Panne {index}", "description": "d"})
        assert status == 201
    after = scrape(server)
    assert value(after, filed[0], **filed[1]) - value(before, filed[0], **filed[1]) == 5
    assert value(after, open_reported[0], **open_reported[1]) - value(before, open_reported[0], **open_reported[1]) == 5
    assert value(after, "riposte_http_request_duration_seconds_count",
                 route="/api/v1/incidents", method="POST") >= 5
    # The background jobs run every second here: their durations are recorded.
    deadline = time.time() + 15
    while time.time() < deadline:
        after = scrape(server)
        if value(after, "riposte_sweep_duration_seconds_count") > 0 and \
                value(after, "riposte_dispatch_duration_seconds_count") > 0:
            break
        time.sleep(0.5)
    assert value(after, "riposte_sweep_duration_seconds_count") > 0
    assert value(after, "riposte_dispatch_duration_seconds_count") > 0
    assert ("riposte_outbox_oldest_age_seconds", ()) in after
    assert ("riposte_last_backup_age_seconds", ()) not in after, "no backup was taken"


def test_a_backup_shows_its_age(server):
    assert server.run("backup", "--to", str(server.workdir / "one.zip")).returncode == 0
    samples = scrape(server)
    assert 0 <= value(samples, "riposte_last_backup_age_seconds") < 120
    assert value(samples, "riposte_last_backup_size_bytes") > 0


def test_log_lines_are_json_and_carry_the_request_id(server):
    request = urllib.request.Request(server.base_url + "/no-such-page",
                                     headers={"X-Request-Id": "trace-from-the-proxy-42", "Accept-Language": "fr"})
    with pytest.raises(urllib.error.HTTPError) as answered:
        urllib.request.urlopen(request, timeout=30)
    assert answered.value.code == 404
    assert answered.value.headers["X-Request-Id"] == "trace-from-the-proxy-42"
    assert "trace-from-the-proxy-42" in answered.value.read().decode(), "the error page shows it"

    # An id a client could write into the logs with is replaced by one of Riposte's own.
    request = urllib.request.Request(server.base_url + "/health", headers={"X-Request-Id": "x" * 200})
    with urllib.request.urlopen(request, timeout=30) as response:
        replaced = response.headers["X-Request-Id"]
    assert replaced and replaced != "x" * 200 and len(replaced) <= 64

    time.sleep(0.5)
    lines = (server.workdir / "serve.log").read_text().splitlines()
    parsed = [json.loads(line) for line in lines if line.strip()]
    assert parsed, "the server logged something"
    for entry in parsed:
        assert {"time", "level", "logger", "message"} <= entry.keys()
    assert any(entry.get("request-id") == "trace-from-the-proxy-42" for entry in parsed)
    assert not any("x" * 200 in line for line in lines)


def test_an_unknown_log_format_stops_the_start_with_one_line(server, tmp_path):
    probe = Riposte(tmp_path, None)
    probe.env["RIPOSTE_LOG_FORMAT"] = "xml"
    result = probe.run("journal", "verify")
    assert result.returncode != 0
    assert "RIPOSTE_LOG_FORMAT" in result.stdout + result.stderr
