"""#19 point 3: `riposte demo` fills an empty database with a fictitious organisation in the
language chosen, whose people sign in and find incidents at every stage; a database that
holds anything, or an unknown language, is refused with one line and nothing is written."""

import os
import re

from conftest import Riposte, own_database
from test_instances import call


def test_demo_fills_an_empty_database_and_nothing_else(tmp_path):
    instance = Riposte(tmp_path, own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_demo"))
    unknown = instance.run("demo", "--language", "de")
    assert unknown.returncode != 0 and "de" in unknown.stdout + unknown.stderr

    made = instance.run("demo", "--language", "nl")
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Bakkerij Dupont (demo)" in made.stdout
    password = re.search(r": (\S+)\s*$", made.stdout.strip().splitlines()[-1]).group(1)
    assert len(password) >= 16
    assert "crisis@demo.example" in made.stdout

    again = instance.run("demo")
    assert again.returncode != 0
    assert len((again.stdout + again.stderr).strip().splitlines()) == 1, again.stdout + again.stderr

    instance.start()
    try:
        token = instance.token("incident-manager@demo.example")
        status, _, page = call(instance.base_url, token, "GET", "/api/v1/incidents?limit=50")
        assert status == 200
        statuses = {item["status"] for item in page["items"]}
        assert {"reported", "qualified", "in_treatment", "eradication", "resolved", "closed", "rejected"} <= statuses
        assert any(item["title"] == "Website onbereikbaar" for item in page["items"])
        # #17: the ransomware exposed customers' data: a breach with its 72-hour deadline open.
        status, _, breaches = call(instance.base_url, token, "GET", "/api/v1/breaches")
        assert status == 200 and len(breaches["items"]) == 1
        assert breaches["items"][0]["authority"]["status"] == "open"
        assert "Klantenbestand" in breaches["items"][0]["personalData"]["dataCategories"]
    finally:
        instance.stop()
    verified = instance.run("journal", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
