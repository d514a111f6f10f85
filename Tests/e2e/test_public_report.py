"""A supplier reports an incident through its own link in a real Chromium, without an account
(#18 point 1): the form in Dutch, a receipt with its number, the follow-up page the receipt
e-mail links to (through Debian's msmtp to a local SMTP sink), news published by the incident
manager, information added by the supplier, and the resolution e-mailed. A visitor's `<script>`
in the title is text on every page that shows it, and runs nowhere."""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import PASSWORD, Riposte, own_database
# The SMTP sink and the browser the delivery and browser tests use, as fixtures of this module too.
from test_browser import browser  # noqa: F401
from test_delivery import smtp, wait_for  # noqa: F401
from test_instances import call

SCRIPT = "<script>window.pwned = 1</script> Portaal onbereikbaar"
REPORTER = "lou@leverancier.example"


@pytest.fixture(scope="module")
def instance(tmp_path_factory, smtp):
    controller, _ = smtp
    riposte = Riposte(tmp_path_factory.mktemp("public"),
                      own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_public"))
    riposte.env.update({
        "RIPOSTE_SENDMAIL": f"msmtp --host=127.0.0.1 --port={controller.port} --auth=off --tls=off "
                            "--from=riposte@example.test -t",
        "RIPOSTE_DISPATCH_INTERVAL": "0.2",
        "RIPOSTE_SWEEP_INTERVAL": "0",
        "RIPOSTE_PUBLIC_URL": "https://riposte.example.org",
    })
    riposte.start()
    try:
        yield riposte
    finally:
        riposte.stop()


def text_of(message):
    """The text part of a message as sent (base64 or quoted-printable)."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode("utf-8")
    return ""


def mails_to(sink, address):
    return [message for recipients, message in sink.messages if address in recipients]


def test_a_supplier_reports_follows_and_is_told_of_the_resolution(instance, browser, smtp):
    _, sink = smtp
    for address, roles in [("admin@acme.test", "admin"), ("im@acme.test", "incident_manager"),
                           ("helpdesk@acme.test", "helpdesk_operator")]:
        assert instance.create_user(address, roles).returncode == 0
    admin, manager = instance.token("admin@acme.test"), instance.token("im@acme.test")
    status, _, supplier = call(instance.base_url, admin, "POST", "/api/v1/contacts", {
        "kind": "supplier", "name": "Hosting NV",
        "contacts": [{"rank": "principal", "name": "Lou", "email": REPORTER}]})
    assert status == 201
    status, _, link = call(instance.base_url, admin, "POST", f"/api/v1/contacts/{supplier['id']}/report-link")
    assert status == 201
    path = link["url"][link["url"].index("/report/"):]

    visitor_context = browser.new_context(base_url=instance.base_url, locale="nl-BE", java_script_enabled=True)
    visitor = visitor_context.new_page()
    visitor.goto(path)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Een incident melden")
    expect(visitor.get_by_text("Hosting NV")).to_be_visible()
    serious = [v for v in Axe().run(visitor).response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, serious

    visitor.get_by_label("Wat is er aan de hand?").fill(SCRIPT)
    visitor.get_by_label("Beschrijving").fill("Fout 502 op het klantenportaal sinds 9 uur")
    visitor.get_by_label("Naam").fill("Lou Peeters")
    visitor.get_by_label("E-mailadres").fill("lou@")
    visitor.get_by_role("button", name="Melding versturen").click()
    # Refused: the message beside the field, everything typed kept.
    expect(visitor.locator("#email-error")).to_be_visible()
    expect(visitor.get_by_label("Wat is er aan de hand?")).to_have_value(SCRIPT)
    visitor.get_by_label("E-mailadres").fill(REPORTER)
    visitor.get_by_role("button", name="Melding versturen").click()

    expect(visitor.get_by_role("heading", name="Melding ontvangen")).to_be_visible()
    number = re.search(r"INC-\d{4}-\d{4}", visitor.content()).group(0)
    expect(visitor.get_by_text(SCRIPT)).to_be_visible()
    assert visitor.evaluate("window.pwned") is None
    follow_path = visitor.url[visitor.url.index("/follow/"):].split("&")[0]
    serious = [v for v in Axe().run(visitor).response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, serious

    # The receipt e-mail links to the follow-up page.
    receipt = wait_for(lambda: mails_to(sink, REPORTER), seconds=20)[0]
    assert "https://riposte.example.org" + follow_path.split("?")[0] in text_of(receipt)

    # The incident manager sees the script as text on the register and the incident page.
    staff_context = browser.new_context(base_url=instance.base_url, locale="fr-BE")
    staff = staff_context.new_page()
    staff.goto("/login")
    staff.get_by_label("Adresse e-mail").fill("im@acme.test")
    staff.get_by_label("Mot de passe").fill(PASSWORD)
    staff.get_by_role("button", name="Se connecter").click()
    staff.goto("/incidents")
    expect(staff.get_by_text(SCRIPT)).to_be_visible()
    staff.get_by_role("link", name=number).click()
    expect(staff.get_by_role("heading", name="Signalé de l'extérieur")).to_be_visible()
    expect(staff.get_by_text(REPORTER).first).to_be_visible()
    assert staff.evaluate("window.pwned") is None
    staff.get_by_label("Une mise à jour pour la personne qui l'a signalé").fill("Oorzaak gevonden: een netwerkstoring.")
    staff.get_by_role("button", name="Publier").click()
    expect(staff.get_by_text("Mise à jour publiée sur la page de suivi.")).to_be_visible()

    # The supplier reads the news and adds what it learnt.
    visitor.goto(follow_path)
    expect(visitor.get_by_text("Oorzaak gevonden: een netwerkstoring.")).to_be_visible()
    visitor.get_by_label("Wat u sindsdien te weten kwam").fill("Het portaal werkt weer voor ons.")
    visitor.get_by_role("button", name="Versturen").click()
    expect(visitor.get_by_text("Bedankt: uw informatie is toegevoegd.")).to_be_visible()
    expect(visitor.get_by_text("Het portaal werkt weer voor ons.")).to_be_visible()

    # Resolved: the supplier is told by e-mail and sees it on its page.
    incident_id = call(instance.base_url, manager, "GET", f"/api/v1/incidents/{number}")[2]["id"]
    for route, body in [("qualify", {"type": "panne", "severity": "minor"}), ("transitions", {"to": "in_treatment"}),
                        ("transitions", {"to": "resolved"})]:
        status, _, answer = call(instance.base_url, manager, "POST", f"/api/v1/incidents/{incident_id}/{route}", body)
        assert status == 200, answer
    resolved = wait_for(lambda: len(mails_to(sink, REPORTER)) >= 2 and mails_to(sink, REPORTER), seconds=20)
    assert number in str(resolved[1]["Subject"]) or number in text_of(resolved[1])
    visitor.goto(follow_path)
    expect(visitor.get_by_text("Opgelost")).to_be_visible()
    _, _, journal = call(instance.base_url, manager, "GET", f"/api/v1/incidents/{incident_id}/journal")
    kinds = [entry["kind"] for entry in journal["items"]]
    assert "reported_from_outside" in kinds and "public_update" in kinds and "reporter_information" in kinds

    # Revoked, the link is any unknown page.
    status, _, _ = call(instance.base_url, admin, "DELETE", f"/api/v1/contacts/{supplier['id']}/report-link")
    assert status == 204
    assert visitor.goto(path).status == 404
    visitor_context.close()
    staff_context.close()
