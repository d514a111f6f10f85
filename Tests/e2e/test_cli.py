"""The command line: users, tokens and journal verification on the real binary."""

import json
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request


def post(riposte, token, path, body):
    request = urllib.request.Request(
        riposte.base_url + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_user_create_reads_the_password_from_stdin(riposte):
    result = riposte.create_user("ana@example.test", "helpdesk_operator,response_team")
    assert result.returncode == 0, result.stderr
    assert "helpdesk_operator,response_team" in result.stdout
    assert "correct horse" not in result.stdout + result.stderr


def test_user_create_refuses_bad_input(riposte):
    assert riposte.create_user("short@example.test", "reporter", password="short").returncode != 0
    unknown = riposte.create_user("boss@example.test", "reporter,boss")
    assert unknown.returncode != 0
    assert "boss" in unknown.stdout + unknown.stderr
    assert riposte.create_user("not-an-email", "reporter").returncode != 0
    assert riposte.create_user("dup@example.test", "reporter").returncode == 0
    assert riposte.create_user("DUP@example.test", "reporter").returncode != 0


def test_token_is_printed_once_and_works(riposte):
    assert riposte.create_user("tok@example.test", "reporter").returncode == 0
    first = riposte.token("tok@example.test")
    second = riposte.token("tok@example.test")
    assert first.startswith("rpt_") and first != second
    created = post(riposte, first, "/api/v1/incidents", {"title": "Badge refusé", "description": "Porte B"})
    assert created["status"] == "reported"
    assert riposte.run("token", "create", "--email", "nobody@example.test").returncode != 0


def test_journal_verify_finds_a_tampered_row(riposte, admin_token):
    incident = post(riposte, admin_token, "/api/v1/incidents", {"title": "Fuite", "description": "Salle serveur"})
    post(riposte, admin_token, f"/api/v1/incidents/{incident['id']}/journal", {"kind": "action", "text": "Seau posé"})
    clean = riposte.run("journal", "verify")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "intact" in clean.stdout

    statement = "UPDATE journal_entries SET text = 'Rien fait' WHERE kind = 'action' AND text = 'Seau posé'"
    if riposte.database_url:
        subprocess.run(["psql", riposte.database_url, "-v", "ON_ERROR_STOP=1", "-c", statement], check=True,
                       capture_output=True)
    else:
        with sqlite3.connect(riposte.env["RIPOSTE_DB"]) as db:
            db.execute(statement)
    broken = riposte.run("journal", "verify")
    assert broken.returncode != 0
    assert incident["number"] in broken.stdout + broken.stderr
    assert "entry 2" in broken.stdout + broken.stderr

    # Put it back, so the rest of the session sees an intact register.
    restore = "UPDATE journal_entries SET text = 'Seau posé' WHERE kind = 'action' AND text = 'Rien fait'"
    if riposte.database_url:
        subprocess.run(["psql", riposte.database_url, "-c", restore], check=True, capture_output=True)
    else:
        with sqlite3.connect(riposte.env["RIPOSTE_DB"]) as db:
            db.execute(restore)
    assert riposte.run("journal", "verify").returncode == 0


def test_migrate_on_demand_is_idempotent(riposte):
    result = riposte.run("migrate", "--yes")
    assert result.returncode == 0, result.stdout + result.stderr


def status_of(riposte, token, path):
    request = urllib.request.Request(riposte.base_url + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_tokens_are_listed_and_revoked_and_a_leaver_disabled(riposte):
    """#13: a token is named, listed with its last use, revoked at once; a person who left is
    disabled (no token works), and enabled again."""
    assert riposte.create_user("leaver@example.test", "helpdesk_operator").returncode == 0
    named = riposte.run("token", "create", "--email", "leaver@example.test", "--name", "nagios",
                        "--expires-in-days", "30", check=True).stdout.strip().splitlines()[-1]
    other = riposte.token("leaver@example.test")
    assert status_of(riposte, named, "/api/v1/incidents") == 200
    listing = riposte.run("token", "list", "--email", "leaver@example.test", check=True).stdout
    line = next(line for line in listing.splitlines() if "\tnagios\t" in line)
    token_id, _, _, _, expires, last_used = line.split("\t")
    assert expires != "-" and last_used != "-"
    assert riposte.run("token", "revoke", token_id, check=True).returncode == 0
    # Another process changed the database: the server's one-second token cache lets it go.
    time.sleep(1.1)
    assert status_of(riposte, named, "/api/v1/incidents") == 401
    assert riposte.run("token", "revoke", token_id).returncode != 0
    assert riposte.run("user", "disable", "--email", "leaver@example.test", check=True).returncode == 0
    time.sleep(1.1)
    assert status_of(riposte, other, "/api/v1/incidents") == 401
    assert riposte.run("user", "enable", "--email", "leaver@example.test", check=True).returncode == 0
    time.sleep(1.1)
    assert status_of(riposte, other, "/api/v1/incidents") == 200
    temporary = riposte.run("user", "reset-password", "--email", "leaver@example.test",
                            check=True).stdout.strip().splitlines()[-1]
    assert len(temporary) == 23 and temporary.count("-") == 3
