"""#18 point 3: e-mails piped into `riposte intake mail` as a mail server delivers them to a
command: a MIME message with a quoted-printable French body and an encoded subject becomes a
report; the receipt Riposte sends goes out through a sendmail command; a reply to it lands in
the incident's journal; a malformed message exits non-zero with one line and creates nothing."""

import email
import os
import re
import stat
from pathlib import Path

from conftest import Riposte, own_database
from test_instances import call

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_french_message_becomes_a_report_and_a_reply_joins_its_journal(tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    sendmail = tmp_path / "sendmail"
    sendmail.write_text(f'#!/bin/sh\ncat > "{outbox}/$$.eml"\n')
    sendmail.chmod(sendmail.stat().st_mode | stat.S_IEXEC)
    instance = Riposte(tmp_path, own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_mail"))
    instance.env.update({"RIPOSTE_SENDMAIL": str(sendmail), "RIPOSTE_PUBLIC_URL": "https://riposte.example.org",
                         "RIPOSTE_LANGUAGE": "en"})
    assert instance.create_user("im@acme.test", "incident_manager").returncode == 0
    token = instance.token("im@acme.test")
    instance.start()
    try:
        report = (FIXTURES / "mail-report.eml").read_bytes().decode()
        filed = instance.run("intake", "mail", stdin=report)
        assert filed.returncode == 0, filed.stderr
        number = re.search(r"INC-\d{4}-\d{4}", filed.stdout).group(0)
        status, _, incident = call(instance.base_url, token, "GET", f"/api/v1/incidents/{number}")
        assert status == 200
        assert incident["title"] == "Panne du portail électronique"
        assert "nos clients ne peuvent plus régler leurs factures" in incident["description"]
        assert "capture.png (image/png, 8 B)" in incident["description"]
        assert incident["channel"] == "email" and incident["status"] == "reported"

        # The receipt goes out with its follow-up link; the sender answers it.
        assert instance.run("dispatch").returncode == 0
        receipts = [email.message_from_bytes(path.read_bytes()) for path in outbox.iterdir()]
        receipt = next(message for message in receipts if message["To"] == "renee@client.example")
        body = receipt.get_payload(decode=True).decode()
        assert "https://riposte.example.org/follow/" in body
        reply = (
            "From: renee@client.example\r\n"
            f"Subject: Re: {number}\r\n"
            f"In-Reply-To: {receipt['Message-ID']}\r\n"
            "Content-Type: text/plain; charset=iso-8859-1\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            "Le portail r=E9pond de nouveau.\r\n\r\n> Votre signalement\r\n")
        added = instance.run("intake", "mail", stdin=reply)
        assert added.returncode == 0, added.stderr
        assert number in added.stdout
        _, _, journal = call(instance.base_url, token, "GET", f"/api/v1/incidents/{number}/journal")
        entry = next(item for item in journal["items"] if item["kind"] == "mail_received")
        assert entry["text"] == "Le portail répond de nouveau."
        assert entry["details"]["from"] == "renee@client.example"

        # Malformed: one line, non-zero, nothing created.
        refused = instance.run("intake", "mail", stdin="no header here\r\n\r\nbody")
        assert refused.returncode != 0
        lines = [line for line in (refused.stdout + refused.stderr).splitlines() if line.strip()]
        assert len(lines) == 1 and "nothing was created" in lines[0], lines
        _, _, listed = call(instance.base_url, token, "GET", "/api/v1/incidents")
        assert len(listed["items"]) == 1
    finally:
        instance.stop()
