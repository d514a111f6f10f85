"""#19 point 3 in a real Chromium: from a fresh install, the director holds every role at
setup, reports an incident and qualifies it without visiting the administration page; the
getting-ready checklist on the dashboard ticks itself as its items are done, the test e-mail
included, and durations are typed as a number and a unit."""

import os
import re
import stat

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import Riposte, own_database

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "a long enough passphrase"


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("first_hour")
    # A sendmail that keeps each message in a file: the test e-mail must reach it.
    mailbox = workdir / "mailbox"
    mailbox.mkdir()
    sendmail = workdir / "sendmail"
    sendmail.write_text(f"#!/bin/sh\ncat > {mailbox}/$$.eml\n")
    sendmail.chmod(sendmail.stat().st_mode | stat.S_IEXEC)
    instance = Riposte(workdir, own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_first_hour"))
    instance.env["RIPOSTE_SWEEP_INTERVAL"] = "0"
    instance.env["RIPOSTE_SENDMAIL"] = str(sendmail)
    instance.mailbox = mailbox
    instance.start()
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def page(blank):
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = chromium.new_context(base_url=blank.base_url, locale="fr-BE")
        try:
            yield context.new_page()
        finally:
            context.close()
            chromium.close()


def line(page, text):
    return page.locator("section[aria-labelledby=ready-heading] li", has_text=text)


def test_the_director_holds_every_role_and_handles_the_first_incident(page):
    page.goto("/")
    expect(page).to_have_url(re.compile("/setup$"))
    page.get_by_label("Nom de l'organisation").fill("Boulangerie Dupont")
    page.get_by_label("Nom", exact=True).fill("Marie Dupont")
    page.get_by_label("Adresse e-mail").fill("marie@dupont.test")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (encore)").fill(PASSWORD)
    page.get_by_role("radio", name=re.compile("Tous les rôles du plan")).check()
    page.get_by_role("button", name="Créer l'organisation").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()

    page.get_by_role("link", name="Signaler un incident").click()
    page.get_by_label("Description courte").fill("Four en panne")
    page.get_by_label("Description détaillée").fill("Plus de pain ce matin.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Merci : l'incident est enregistré.")).to_be_visible()
    page.get_by_label("Type").fill("matériel")
    page.get_by_label("Gravité").select_option("minor")
    page.get_by_role("button", name="Enregistrer la qualification").click()
    expect(page.get_by_text("Qualification enregistrée.")).to_be_visible()
    expect(page.locator(".badges")).to_contain_text("Mineur")
    assert "/admin" not in page.url


def test_the_checklist_ticks_itself(page, blank):
    page.goto("/")
    card = page.locator("section[aria-labelledby=ready-heading]")
    expect(card).to_be_visible()
    # Setup gave the director every role of the plan.
    expect(line(page, "Attribuer chaque rôle")).to_contain_text("Fait")
    expect(line(page, "activités essentielles")).to_contain_text("À faire")
    line(page, "activités essentielles").get_by_role("link").click()
    page.get_by_label("Activité", exact=True).fill("Cuisson")
    page.get_by_label("RTO (par exemple 4 heures)").fill("4 heures")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    page.goto("/")
    expect(line(page, "activités essentielles")).to_contain_text("Fait")

    expect(line(page, "délais de qualification")).to_contain_text("À faire")
    line(page, "délais de qualification").get_by_role("link").click()
    page.get_by_label("Résoudre en, gravité Mineur").fill("2 jours")
    page.get_by_role("button", name="Enregistrer les délais").click()
    expect(page.get_by_text("Délais enregistrés")).to_be_visible()
    page.goto("/")
    expect(line(page, "délais de qualification")).to_contain_text("Fait")

    expect(line(page, "envoie des e-mails")).to_contain_text("À faire")
    page.get_by_role("link", name="Ouvrir la liste de préparation").click()
    page.get_by_role("button", name="M'envoyer un e-mail de test").click()
    expect(page.get_by_text("L'e-mail de test est parti vers votre adresse")).to_be_visible()
    mails = list(blank.mailbox.iterdir())
    assert len(mails) == 1 and "To: marie@dupont.test" in mails[0].read_text()
    page.goto("/")
    expect(line(page, "envoie des e-mails")).to_contain_text("Fait")
