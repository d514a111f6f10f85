"""The register's CSV export read the way a spreadsheet or a script reads it (#16 point 7)."""

import csv
import io
import json

from test_http import request


def test_the_csv_export_opens_with_pythons_csv_module_and_matches_the_listing(riposte, admin_token):
    manager_email = "export-manager@example.test"
    riposte.create_user(manager_email, "incident_manager")
    token = riposte.token(manager_email)
    titles = ["=SUM(A1:A2)", "Réseau ; routeur « cœur »", "-2+3", 'Dit "non"\nsur deux lignes']
    for title in titles:
        status, _, _ = request(
            riposte, "/api/v1/incidents", method="POST", token=token,
            body={"title": title, "description": "Décrit pour l'export"})
        assert status == 201

    status, headers, body = request(
        riposte, "/api/v1/incidents/export.csv", token=token, headers={"Accept-Language": "fr"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, lines = rows[0], rows[1:]
    assert header[:4] == ["Numéro", "Date", "Type", "Description courte"]
    assert all(len(line) == len(header) for line in lines)

    status, _, listing = request(riposte, "/api/v1/incidents?limit=200", token=token)
    assert status == 200
    listed = json.loads(listing)["items"]
    assert [line[0] for line in lines] == [item["number"] for item in listed]

    by_number = {line[0]: line for line in lines}
    for item in listed:
        line = by_number[item["number"]]
        title = item["title"]
        if title[0] in "=+-@":
            # Shown as typed, never run as a formula.
            assert line[3] == "'" + title
        else:
            assert line[3] == title
        assert line[1] == item["reportedAt"]
    assert 'Dit "non"\nsur deux lignes' in [line[3] for line in lines]
