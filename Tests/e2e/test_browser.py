"""The pages in a real headless Chromium (Debian's, driven by Playwright), against a real
`riposte serve` on a fresh database: first start, sign-in, the journey of an incident from
report to closing, print view, English and Dutch, refusals, plan warnings and activations, and an
axe-core accessibility check. A failing test leaves a screenshot in its temporary folder."""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from conftest import Riposte, own_database
from test_instances import call

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "a long enough passphrase"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A Riposte nobody has set up yet."""
    instance = Riposte(tmp_path_factory.mktemp("browser"), own_database(os.environ.get("E2E_DATABASE_URL"), "riposte_web"))
    instance.env["RIPOSTE_SWEEP_INTERVAL"] = "0"
    instance.start()
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser, fresh, request, tmp_path):
    """New browser contexts (one per person), screenshots of every open page on failure."""
    contexts = []

    def make(locale="fr-BE"):
        context = browser.new_context(base_url=fresh.base_url, locale=locale, bypass_csp=False)
        contexts.append(context)
        return context.new_page()

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for index, context in enumerate(contexts):
        if failed:
            for number, page in enumerate(context.pages):
                path = tmp_path / f"failure-{index}-{number}.png"
                page.screenshot(path=str(path), full_page=True)
                print(f"screenshot: {path}")
        context.close()


def sign_in(page, email, password=PASSWORD):
    page.goto("/login")
    page.get_by_label(re.compile("Adresse e-mail|E-mail address|E-mailadres")).fill(email)
    page.get_by_label(re.compile("Mot de passe|Password|Wachtwoord")).fill(password)
    page.get_by_role("button", name=re.compile("Se connecter|Sign in|Aanmelden")).click()


def test_first_start_leads_to_setup_and_creates_the_administrator(fresh, open_page):
    page = open_page()
    page.goto("/")
    expect(page).to_have_url(re.compile("/setup$"))
    expect(page.get_by_role("heading", name="Bienvenue dans Riposte")).to_be_visible()
    page.get_by_label("Nom de l'organisation").fill("ACME Belgique")
    page.get_by_label("Nom", exact=True).fill("Alice Admin")
    page.get_by_label("Adresse e-mail").fill("admin@acme.test")
    page.get_by_label("Mot de passe", exact=True).fill("short")
    page.get_by_label("Mot de passe (encore)").fill("short")
    # The other browser tests give the plan's roles to people of their own.
    page.get_by_role("radio", name=re.compile("Administrateur seulement")).check()
    page.get_by_role("button", name="Créer l'organisation").click()
    # Refused next to the field, what was typed kept.
    expect(page.locator("#password-error")).to_be_visible()
    expect(page.get_by_label("Nom de l'organisation")).to_have_value("ACME Belgique")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (encore)").fill(PASSWORD)
    page.get_by_role("button", name="Créer l'organisation").click()
    expect(page.get_by_text("Votre organisation est prête.")).to_be_visible()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
    for email, roles in [
        ("employe@acme.test", "reporter"), ("helpdesk@acme.test", "helpdesk_operator"),
        ("equipe@acme.test", "incident_manager,response_team"), ("crise@acme.test", "crisis_manager"),
        ("continuite@acme.test", "continuity_manager"), ("reprise@acme.test", "recovery_manager"),
    ]:
        result = fresh.create_user(email, roles, password=PASSWORD)
        assert result.returncode == 0, result.stderr
    # Setup is gone for good.
    other = open_page()
    other.goto("/setup")
    expect(other).to_have_url(re.compile("/login$"))


def test_an_administrator_sets_deadlines_and_an_activity(open_page, fresh):
    page = open_page()
    sign_in(page, "admin@acme.test")
    page.get_by_role("link", name="Administration").click()
    # A number and a unit, as people write them; a zero is refused next to its field.
    page.get_by_label("Résoudre en, gravité Majeur").fill("0 heure")
    page.get_by_role("button", name="Enregistrer les délais").click()
    expect(page.locator("[id='major.resolve-error']")).to_have_text("Une durée va d'une minute à un an.")
    page.get_by_label("Résoudre en, gravité Majeur").fill("6 heures")
    page.get_by_role("button", name="Enregistrer les délais").click()
    expect(page.get_by_text("Délais enregistrés")).to_be_visible()
    expect(page.get_by_label("Résoudre en, gravité Majeur")).to_have_value("6 heures")
    token = fresh.token("admin@acme.test")
    status, _, sla = call(fresh.base_url, token, "GET", "/api/v1/settings/sla")
    assert status == 200 and sla["major"]["resolve"] == "PT6H", "the API keeps ISO 8601"
    page.get_by_label("Activité", exact=True).fill("Facturation")
    page.get_by_label("RTO (par exemple 4 heures)").fill("quatre heures")
    page.get_by_role("button", name="Ajouter l'activité").click()
    expect(page.locator("#activity-rto-error")).to_be_visible()
    page.get_by_label("RTO (par exemple 4 heures)").fill("4 heures")
    page.get_by_role("button", name="Ajouter l'activité").click()
    expect(page.get_by_text("Facturation — RTO 4 h")).to_be_visible()
    status, _, activities = call(fresh.base_url, token, "GET", "/api/v1/activities")
    assert [item["rto"] for item in activities["items"] if item["name"] == "Facturation"] == ["PT4H"]


def test_an_administrator_fills_the_directory(open_page):
    page = open_page()
    sign_in(page, "admin@acme.test")
    expect(page.get_by_role("heading", name="Annuaire incomplet")).to_be_visible()
    page.get_by_role("link", name="Compléter l'annuaire").click()
    page.get_by_label("Nature").select_option("role")
    page.get_by_label("Nom (ou code du rôle)").fill("crisis_manager")
    page.locator("#principalName").fill("Claire Martin")
    page.locator("#principalMobile").fill("+32 470 12 34 56")
    page.locator("#backupName").fill("Bruno Peeters")
    page.locator("#backupEmail").fill("bruno@acme.test")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Annuaire mis à jour.")).to_be_visible()
    expect(page.get_by_role("table", name="Rôles du plan")).to_contain_text("Claire Martin")
    expect(page.locator("#gaps-heading + ul")).not_to_contain_text("Gestionnaire de crise (CMP)")


def test_the_admin_uploads_a_reference_document(open_page):
    page = open_page()
    sign_in(page, "admin@acme.test")
    page.goto("/documents")
    page.get_by_label("Nature").select_option("bcp")
    page.get_by_label("Description courte").fill("Plan de continuité")
    page.get_by_label("Version").fill("2")
    page.get_by_label("Fichier").set_input_files(files=[{
        "name": "../../bcp.txt", "mimeType": "text/plain", "buffer": "Plan de continuité v2\n".encode()}])
    page.get_by_role("button", name="Enregistrer le document").click()
    expect(page.get_by_text("Document enregistré.")).to_be_visible()
    link = page.get_by_role("link", name="bcp.txt")
    expect(link).to_be_visible()
    download = page.request.get(link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.text() == "Plan de continuité v2\n"
    # A file claiming to be a PDF but holding text is refused next to the field.
    page.get_by_label("Description courte").fill("Faux PDF")
    page.get_by_label("Fichier").set_input_files(files=[{
        "name": "faux.pdf", "mimeType": "application/pdf", "buffer": b"pas un pdf"}])
    page.get_by_role("button", name="Enregistrer le document").click()
    expect(page.locator("#d-file-error")).to_be_visible()


def test_the_admin_publishes_the_plan_and_a_user_acknowledges_it(open_page):
    admin = open_page()
    sign_in(admin, "admin@acme.test")
    admin.get_by_role("link", name="Plan", exact=True).click()
    expect(admin.locator(".plan-text").first).to_contain_text("ACME Belgique")
    expect(admin.locator(".plan-text").first).to_contain_text("Claire Martin")
    admin.get_by_role("button", name="Publier une nouvelle version").click()
    expect(admin.locator(".plan-text")).to_contain_text("Version 1")
    employee = open_page()
    sign_in(employee, "employe@acme.test")
    expect(employee.get_by_text("Une nouvelle version du plan (version 1) vous attend.")).to_be_visible()
    employee.goto("/plan")
    employee.get_by_role("link", name="Lire la version 1").click()
    expect(employee.locator(".plan-text")).to_contain_text("Plan de gestion des incidents")
    employee.goto("/plan")
    employee.get_by_role("button", name="J'ai lu cette version").click()
    expect(employee.get_by_text("Merci : lecture enregistrée.")).to_be_visible()
    admin.goto("/plan")
    expect(admin.locator("#who-heading + ul")).not_to_contain_text("employe")


def test_sign_in_failure_then_success(open_page):
    page = open_page()
    sign_in(page, "employe@acme.test", "not the password")
    expect(page.get_by_role("alert")).to_have_text("Adresse e-mail ou mot de passe incorrect.")
    sign_in(page, "employe@acme.test")
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()


def test_the_journey_of_an_incident(open_page, fresh):
    employee = open_page()
    sign_in(employee, "employe@acme.test")
    employee.get_by_role("link", name="Signaler un incident").click()
    employee.get_by_label("Description courte").fill("Imprimante du 2e étage en panne")
    employee.get_by_label("Description détaillée").fill("Plus aucune impression depuis 9 h.")
    employee.get_by_label("Canal").select_option("phone")
    employee.get_by_role("button", name="Envoyer").click()
    expect(employee.get_by_text("Merci : l'incident est enregistré.")).to_be_visible()
    number = employee.locator(".incident-head .number").inner_text()
    assert re.fullmatch(r"INC-\d{4}-\d{4}", number)

    helpdesk = open_page()
    sign_in(helpdesk, "helpdesk@acme.test")
    helpdesk.goto(f"/incidents/{number}")
    helpdesk.get_by_label("Type").fill("matériel")
    helpdesk.get_by_label("Gravité").select_option("minor")
    helpdesk.get_by_role("button", name="Enregistrer la qualification").click()
    expect(helpdesk.get_by_text("Qualification enregistrée.")).to_be_visible()
    expect(helpdesk.locator(".badges")).to_contain_text("Mineur")

    team = open_page()
    sign_in(team, "equipe@acme.test")
    team.goto(f"/incidents/{number}")
    team.get_by_role("button", name="Commencer le traitement").click()
    expect(team.locator(".badges")).to_contain_text("En traitement")
    for _ in range(2):
        team.get_by_role("button", name="Fait").first.click()
        expect(team.get_by_text("Étape marquée comme faite.")).to_be_visible()
    team.get_by_label("Nature").select_option("action")
    team.get_by_label("Texte").fill("Bourrage retiré, pilote réinstallé.")
    team.get_by_role("button", name="Ajouter", exact=True).click()
    expect(team.locator(".timeline")).to_contain_text("Bourrage retiré, pilote réinstallé.")
    team.get_by_label("Public").fill("Personnel du 2e étage")
    team.get_by_label("Moyen").select_option("email")
    team.get_by_label("Résumé").fill("Impressions rétablies à 10 h.")
    team.get_by_role("button", name="Enregistrer la communication").click()
    expect(team.get_by_text("Communication enregistrée.")).to_be_visible()
    expect(team.locator("#comms-heading + ul")).to_contain_text("Personnel du 2e étage")
    team.get_by_role("button", name="Déclarer résolu").click()
    expect(team.locator(".badges")).to_contain_text("Résolu")
    # §4.5: the incident manager deactivates the IRP before the ticket is closed.
    expect(team.get_by_role("button", name="Clôturer")).to_have_count(0)
    team.get_by_role("button", name="Désactiver l'IRP").click()
    expect(team.locator("table.plans")).to_contain_text("IRP désactivé")
    team.get_by_role("button", name="Clôturer").click()
    expect(team.locator(".badges")).to_contain_text("Clôturé")
    expect(team.locator(".stages [aria-current=step]")).to_have_text("Désactivation")

    # The print view holds the register entry and the whole journal.
    team.goto(f"/incidents/{number}/print")
    rows = team.locator("table.journal tbody tr")
    expect(rows).to_have_count(10)
    expect(team.locator("table.journal")).to_contain_text("Bourrage retiré")
    expect(team.locator("table.register")).to_contain_text("Imprimante du 2e étage en panne")

    # The register shows it, searched.
    team.goto("/incidents?q=imprimante")
    expect(team.get_by_role("link", name=number)).to_be_visible()


def test_a_helpdesk_manager_hands_an_incident_to_a_technician_who_sets_its_activities(open_page, fresh):
    for email, roles in [("chef@acme.test", "helpdesk_manager"), ("tech@acme.test", "response_team")]:
        result = fresh.create_user(email, roles, password=PASSWORD)
        assert result.returncode == 0, result.stderr
    lead = open_page()
    sign_in(lead, "chef@acme.test")
    lead.get_by_role("link", name="Signaler un incident").click()
    lead.get_by_label("Description courte").fill("Factures non envoyées")
    lead.get_by_label("Description détaillée").fill("Le serveur d'envoi ne répond plus.")
    lead.get_by_role("button", name="Envoyer").click()
    number = lead.locator(".incident-head .number").inner_text()
    lead.get_by_label("Type").fill("messagerie")
    lead.get_by_label("Gravité").select_option("minor")
    lead.get_by_role("button", name="Enregistrer la qualification").click()
    expect(lead.get_by_text("Qualification enregistrée.")).to_be_visible()
    lead.get_by_label("Confier l'incident à").select_option(label="tech")
    lead.get_by_role("button", name="Désigner").click()
    expect(lead.get_by_text("Incident confié")).to_be_visible()

    tech = open_page()
    sign_in(tech, "tech@acme.test")
    tech.goto("/")
    expect(tech.locator("#mine-heading + ul")).to_contain_text(number)
    tech.locator("#mine-heading + ul").get_by_role("link", name=number).click()
    tech.get_by_text("Corriger ou compléter la description").click()
    tech.get_by_label(re.compile("^Facturation")).check()
    tech.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(tech.get_by_text("Description de l'incident mise à jour.")).to_be_visible()
    expect(tech.locator("table.impacted")).to_contain_text("Facturation")
    expect(tech.locator("table.impacted")).to_contain_text(re.compile(r"encore \d"))
    expect(tech.locator("table.deadlines")).to_contain_text("RTO de Facturation")


def test_the_team_completes_the_review_of_a_closed_incident(open_page, fresh):
    team = open_page()
    sign_in(team, "equipe@acme.test")
    team.goto("/incidents?status=closed")
    team.locator("table.register a").first.click()
    number = team.locator(".incident-head .number").inner_text()
    expect(team.get_by_role("button", name="Revue post-incident faite")).to_have_count(0)
    team.get_by_role("link", name="Revue post-incident").click()
    # Pre-filled from the incident.
    expect(team.locator(".prefilled").first).to_contain_text(number)
    expect(team.locator("form.review")).to_contain_text("Plus aucune impression depuis 9 h.")
    for area in team.locator("form.review textarea").all():
        area.fill("Constaté par l'employé ; rien à ajouter.")
    for group in team.locator("form.review fieldset.choices").all():
        group.locator("input[type=radio]").last.check()
    team.get_by_role("button", name="Enregistrer la revue").click()
    expect(team.get_by_text("Revue enregistrée.")).to_be_visible()
    expect(team.get_by_text("Revue complète")).to_be_visible()
    team.goto(f"/incidents/{number}/review/print")
    expect(team.locator("h1")).to_contain_text(number)
    markdown = team.request.get(f"/incidents/{number}/review.md")
    assert markdown.status == 200 and markdown.text().startswith("# Revue post-incident")
    team.goto(f"/incidents/{number}")
    team.get_by_role("button", name="Revue post-incident faite").click()
    expect(team.locator(".badges")).to_contain_text("Revu")
    team.goto("/lessons")
    expect(team.get_by_role("heading", name="Leçons apprises")).to_be_visible()
    expect(team.locator("#reviews-heading + ul")).to_contain_text(number)


def test_a_long_form_is_read_whole(open_page):
    """A form larger than one network read: its CSRF token must still be found."""
    page = open_page()
    sign_in(page, "equipe@acme.test")
    page.goto("/incidents/new")
    page.get_by_label("Description courte").fill("Journaux à relire")
    page.get_by_label("Description détaillée").fill("Beaucoup de texte suit.")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_label("Nature").select_option("note")
    page.get_by_label("Texte").fill("Relevé des journaux. " + "é" * 9000)
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_text("Ajouté au journal.")).to_be_visible()


@pytest.mark.parametrize("locale, words", [
    ("en-GB", ["Report an incident", "Short description", "Incident register"]),
    ("nl-BE", ["Incident melden", "Korte beschrijving", "Incidentenregister"]),
])
def test_the_same_pages_in_english_and_dutch(open_page, locale, words):
    page = open_page(locale=locale)
    sign_in(page, "equipe@acme.test")
    page.goto("/incidents/new")
    expect(page.locator("html")).to_have_attribute("lang", locale[:2])
    expect(page.get_by_role("heading", name=words[0])).to_be_visible()
    expect(page.get_by_label(words[1])).to_be_visible()
    page.goto("/incidents")
    expect(page.get_by_role("heading", name=words[2])).to_be_visible()
    page.locator("table.register a").first.click()
    expect(page.locator(".stages li")).to_have_count(6)


def test_a_forbidden_action_and_a_post_without_csrf_are_refused(open_page):
    page = open_page()
    sign_in(page, "employe@acme.test")
    page.goto("/incidents/new")
    page.get_by_label("Description courte").fill("Écran noir")
    page.get_by_label("Description détaillée").fill("Le poste ne démarre plus.")
    page.get_by_role("button", name="Envoyer").click()
    number = page.locator(".incident-head .number").inner_text()
    # No qualification form for an employee...
    expect(page.get_by_role("button", name="Enregistrer la qualification")).to_have_count(0)
    token = page.locator("input[name=_csrf]").first.get_attribute("value")
    # ...and a hand-made POST is refused with a clear page.
    forbidden = page.request.post(f"/incidents/{number}/qualify", form={
        "_csrf": token, "type": "x", "severity": "crisis", "version": "1"})
    assert forbidden.status == 403
    assert "Vos rôles ne permettent pas cette action." in forbidden.text()
    forged = page.request.post(f"/incidents/{number}/journal", form={"kind": "note", "text": "forgé"})
    assert forged.status == 403
    page.reload()
    expect(page.locator(".badges")).to_contain_text("Signalé")
    expect(page.locator(".timeline li")).to_have_count(1)


def test_an_operator_qualifies_a_crisis_and_the_crisis_manager_activates_the_cmp(open_page):
    employee = open_page()
    sign_in(employee, "employe@acme.test")
    employee.goto("/incidents/new")
    employee.get_by_label("Description courte").fill("Rançongiciel : fichiers chiffrés")
    employee.get_by_label("Description détaillée").fill("Les partages réseau affichent une demande de rançon.")
    employee.get_by_role("button", name="Envoyer").click()
    number = employee.locator(".incident-head .number").inner_text()

    helpdesk = open_page()
    sign_in(helpdesk, "helpdesk@acme.test")
    helpdesk.goto(f"/incidents/{number}")
    helpdesk.get_by_label("Type").fill("rançongiciel")
    helpdesk.get_by_label("Gravité").select_option("crisis")
    helpdesk.get_by_role("button", name="Enregistrer la qualification").click()
    expect(helpdesk.locator(".badges")).to_contain_text("CMP invoqué")

    # The crisis manager is told at once, and decides.
    crisis = open_page()
    sign_in(crisis, "crise@acme.test")
    crisis.get_by_role("link", name=re.compile("Notifications")).click()
    alert = crisis.locator(".notifications li", has_text=number).first
    expect(alert).to_contain_text("Incident qualifié crise")
    alert.get_by_role("button", name="Accuser réception").click()
    expect(crisis.get_by_text("Réception accusée : l'alerte ne va pas plus loin.")).to_be_visible()
    expect(crisis.locator(".notifications li", has_text=number).first).to_contain_text("Reçue le")
    crisis.goto(f"/incidents/{number}")
    expect(crisis.locator("table.plans")).to_contain_text(
        "CMP invoqué, en attente de la décision du gestionnaire de crise")
    crisis.get_by_role("button", name="Activer le CMP", exact=True).click()
    expect(crisis.get_by_text("Plan activé ; le gestionnaire des incidents et l'équipe du plan sont prévenus.")) \
        .to_be_visible()
    expect(crisis.locator(".badges")).to_contain_text("CMP activé")
    # Telling the continuity manager is a warning the crisis manager sends (flow 2).
    crisis.get_by_label("Flux", exact=True).select_option("2")
    crisis.get_by_label("Message", exact=True).fill("Site principal inaccessible : préparez le repli.")
    crisis.get_by_role("button", name="Envoyer l'avertissement").click()
    expect(crisis.get_by_text("Avertissement envoyé.")).to_be_visible()
    expect(crisis.locator("table.plans")).to_contain_text("BCP averti")

    manager = open_page()
    sign_in(manager, "equipe@acme.test")
    manager.get_by_role("link", name=re.compile("Notifications")).click()
    expect(manager.locator(".notifications li", has_text=number).filter(has_text="CMP activé")).to_have_count(1)
    manager.goto(f"/incidents/{number}")
    expect(manager.locator("table.plans")).to_contain_text("CMP activé")
    # Who answered the crisis alert, and when, is on the incident.
    expect(manager.locator("table.alerts")).to_contain_text("Accusée le")

    continuity = open_page()
    sign_in(continuity, "continuite@acme.test")
    continuity.get_by_role("link", name=re.compile("Notifications")).click()
    item = continuity.locator(".notifications li", has_text=number).first
    expect(item).to_contain_text("Avertissement pour le BCP")
    expect(item).to_contain_text("flux 2")
    continuity.get_by_role("button", name="Marquer comme lue").first.click()

    recovery = open_page()
    sign_in(recovery, "reprise@acme.test")
    recovery.get_by_role("link", name=re.compile("Notifications")).click()
    expect(recovery.locator(".notifications li", has_text=number)).to_have_count(0)


def test_a_personal_data_breach_is_assessed_notified_and_leaves_the_dashboard(open_page, fresh):
    """#17: high risk to people, the 72-hour deadline on the dashboard, the GDPR draft's (a) to (d) in
    French, and the deadline gone once the submission is recorded."""
    result = fresh.create_user("dpo@acme.test", "privacy_officer,incident_manager", password=PASSWORD)
    assert result.returncode == 0, result.stderr
    dpo = open_page()
    sign_in(dpo, "dpo@acme.test")
    dpo.get_by_role("link", name="Signaler un incident").click()
    dpo.get_by_label("Description courte").fill("Export clients envoyé au mauvais destinataire")
    dpo.get_by_label("Description détaillée").fill("Un fichier de 1 200 clients <script>alert(1)</script>")
    dpo.get_by_role("button", name="Envoyer").click()
    number = dpo.locator(".incident-head .number").inner_text()
    dpo.get_by_role("link", name="Obligations légales (RGPD, NIS2, DORA)").click()
    expect(dpo.get_by_text("Cet incident n'a pas encore été évalué.")).to_be_visible()
    dpo.get_by_label("Des données personnelles sont concernées").check()
    dpo.get_by_label("Catégories de données").fill("Noms, adresses e-mail")
    dpo.get_by_label("Nombre approximatif de personnes").fill("1200")
    dpo.get_by_label("Conséquences probables").fill("Hameçonnage ciblé")
    dpo.get_by_label("Mesures prises ou proposées").fill("Demande d'effacement au destinataire")
    dpo.get_by_label("Risque élevé").check()
    dpo.get_by_role("button", name="Enregistrer l'évaluation").click()
    expect(dpo.get_by_text("Évaluation enregistrée.")).to_be_visible()
    deadlines = dpo.locator("table.obligations")
    expect(deadlines).to_contain_text("RGPD : notification à l'autorité de contrôle")
    expect(deadlines).to_contain_text(re.compile(r"reste (3 j|2 j 23 h)"))
    dpo.goto("/")
    panel = dpo.locator("section", has=dpo.get_by_role("heading", name="Délais réglementaires"))
    expect(panel).to_contain_text(number)
    expect(panel).to_contain_text("RGPD : notification à l'autorité de contrôle")
    panel.get_by_role("link", name=number).first.click()
    dpo.get_by_role("link", name="Brouillon").first.click()
    draft = dpo.locator("article.draft")
    for heading in ["a) Nature de la violation", "b) Délégué à la protection des données", "c) Conséquences probables",
                    "d) Mesures prises ou proposées"]:
        expect(draft.get_by_role("heading", name=re.compile(re.escape(heading)))).to_be_visible()
    expect(draft).to_contain_text("<script>alert(1)</script>")
    dpo.get_by_label("Destinataire").fill("CNIL")
    dpo.get_by_label("Référence de l'autorité").fill("NOTIF-2026-0042")
    dpo.get_by_role("button", name="Enregistrer l'envoi").click()
    expect(dpo.get_by_text("Envoi enregistré.")).to_be_visible()
    expect(dpo.locator("table.obligations tr", has_text="notification à l'autorité")).to_contain_text("Envoyé")
    dpo.goto("/")
    panel = dpo.locator("section", has=dpo.get_by_role("heading", name="Délais réglementaires"))
    expect(panel).not_to_contain_text("notification à l'autorité de contrôle")
    expect(panel).to_contain_text("RGPD : communication aux personnes concernées")
    dpo.goto("/breaches")
    expect(dpo.locator("table.breaches")).to_contain_text(number)
    results = Axe().run(dpo)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, results.generate_report()


@pytest.mark.parametrize("path", [
    "/login", "/", "/incidents", "/incidents/new", "/notifications", "INCIDENT", "PRINT", "/admin", "/contacts",
    "/lessons", "REVIEW", "/plan", "/documents", "/getting-ready", "DASHBOARD_ADMIN", "ASSESSMENT",
    "/admin/regulation"])
def test_main_pages_have_no_serious_accessibility_violation(open_page, path):
    page = open_page()
    if path != "/login":
        admin_pages = ("/admin", "/contacts", "/documents", "/getting-ready", "DASHBOARD_ADMIN", "/admin/regulation")
        sign_in(page, "admin@acme.test" if path in admin_pages else "equipe@acme.test")
    if path == "DASHBOARD_ADMIN":
        # The administrator's dashboard, with the getting-ready checklist.
        page.goto("/")
    elif path == "REVIEW":
        page.goto("/incidents?status=reviewed")
        page.locator("table.register a").first.click()
        page.get_by_role("link", name="Revue post-incident").click()
    elif path == "ASSESSMENT":
        page.goto("/incidents")
        page.locator("table.register a").first.click()
        page.get_by_role("link", name="Obligations légales (RGPD, NIS2, DORA)").click()
    elif path in ("INCIDENT", "PRINT"):
        page.goto("/incidents")
        page.locator("table.register a").first.click()
        if path == "PRINT":
            page.goto(page.url + "/print")
    else:
        page.goto(path)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_an_incident_manager_runs_an_exercise_from_report_to_review(open_page, fresh):
    """#20: a drill filed from the report form, marked EXERCICE on every page and notification, kept
    out of the register's default view, run to its review, and read back as its report."""
    manager = open_page()
    sign_in(manager, "equipe@acme.test")
    manager.get_by_role("link", name="Signaler un incident").click()
    manager.get_by_label("Description courte").fill("Exercice : rançongiciel sur le serveur de fichiers")
    manager.get_by_label("Description détaillée").fill("Scénario : les partages sont chiffrés à 9 h.")
    manager.get_by_label(re.compile("C'est un exercice")).check()
    manager.get_by_role("button", name="Envoyer").click()
    expect(manager.get_by_text("L'exercice est enregistré : menez-le comme un incident réel.")).to_be_visible()
    expect(manager.locator(".exercise-banner")).to_contain_text("EXERCICE — ceci est un exercice")
    number = manager.locator(".incident-head .number").inner_text().split()[0]
    assert re.fullmatch(r"EX-\d{4}-\d{4}", number)

    # The helpdesk qualifies it major: the incident manager is alerted, as in a real one, marked.
    helpdesk = open_page()
    sign_in(helpdesk, "helpdesk@acme.test")
    helpdesk.goto(f"/incidents/{number}")
    expect(helpdesk.locator(".badge.exercise")).to_have_text("EXERCICE")
    helpdesk.get_by_label("Type").fill("rançongiciel")
    helpdesk.get_by_label("Gravité").select_option("major")
    helpdesk.get_by_role("button", name="Enregistrer la qualification").click()
    expect(helpdesk.get_by_text("Qualification enregistrée.")).to_be_visible()
    manager.goto("/notifications")
    alert = manager.locator("li", has_text=number).first
    expect(alert).to_contain_text("[EXERCICE]")
    alert.get_by_role("button", name="Accuser réception").click()
    expect(manager.get_by_text("Réception accusée")).to_be_visible()

    # Run to the end: treatment, resolution, the IRP stood down, closed, reviewed.
    manager.goto(f"/incidents/{number}")
    manager.get_by_role("button", name="Commencer le traitement").click()
    expect(manager.locator(".badges")).to_contain_text("En traitement")
    manager.get_by_role("button", name="Déclarer résolu").click()
    manager.get_by_role("button", name="Désactiver l'IRP").click()
    manager.get_by_role("button", name="Clôturer").click()
    expect(manager.locator(".badges")).to_contain_text("Clôturé")
    manager.get_by_role("link", name="Revue post-incident").click()
    expect(manager.locator(".exercise-banner")).to_be_visible()
    for area in manager.locator("form.review textarea").all():
        area.fill("Les sauvegardes hors ligne ont tenu ; l'annuaire de crise était à jour.")
    for group in manager.locator("form.review fieldset.choices").all():
        group.locator("input[type=radio]").last.check()
    manager.get_by_role("button", name="Enregistrer la revue").click()
    expect(manager.get_by_text("Revue complète")).to_be_visible()
    manager.goto(f"/incidents/{number}")
    manager.get_by_role("button", name="Revue post-incident faite").click()
    expect(manager.locator(".badges")).to_contain_text("Revu")

    # Its report: the steps against the SLA, the alert answered, the lessons.
    manager.get_by_role("link", name="Rapport d'exercice").click()
    expect(manager.get_by_role("heading", name=f"Rapport d'exercice {number}")).to_be_visible()
    steps = manager.locator("section", has=manager.get_by_role("heading", name="Chronologie"))
    for step in ["Signalé", "Qualifié — Majeur", "Traitement commencé", "Résolu", "Clôturé",
                 "Analyse post-incident terminée"]:
        expect(steps).to_contain_text(step)
    expect(steps).to_contain_text("✓ tenu")
    answers = manager.locator("section", has=manager.get_by_role("heading", name="Accusés de réception des alertes"))
    expect(answers).to_contain_text("Gestionnaire des incidents")
    expect(answers).to_contain_text("✓ tenu")
    expect(manager.locator("dl.lessons")).to_contain_text("Les sauvegardes hors ligne ont tenu")
    results = Axe().run(manager)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, results.generate_report()

    # Out of the register's default view; the filter shows it alone.
    manager.goto("/incidents")
    expect(manager.get_by_role("link", name=number)).to_have_count(0)
    manager.get_by_label("Exercices seulement").check()
    manager.get_by_role("button", name=re.compile("Filtrer|Rechercher")).click()
    expect(manager.get_by_role("link", name=number)).to_be_visible()


def test_the_indicators_leave_exercises_out_unless_asked_and_pass_axe(open_page, fresh):
    """#20 point 4: the figures, charts with their data tables, exercises only with the filter."""
    manager = open_page()
    sign_in(manager, "equipe@acme.test")
    manager.get_by_role("link", name="Indicateurs").click()
    expect(manager.get_by_role("heading", name="Indicateurs de la gestion des incidents")).to_be_visible()
    figures = manager.locator("dl.figures")
    real = int(figures.locator("div", has_text="Signalements").locator("dd").inner_text())
    charts = manager.locator("svg.chart[role=img]")
    expect(charts).to_have_count(3)
    expect(manager.locator("table.chart-data")).to_have_count(3)
    if os.environ.get("SCREENSHOTS"):
        manager.screenshot(path=os.path.join(os.environ["SCREENSHOTS"], "indicators.png"), full_page=True)
    results = Axe().run(manager)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, results.generate_report()
    manager.get_by_label("Exercices seulement").check()
    manager.get_by_role("button", name="Afficher").click()
    expect(manager.get_by_text("EXERCICES — ces chiffres ne comptent que les exercices")).to_be_visible()
    drills = int(manager.locator("dl.figures div", has_text="Signalements").locator("dd").inner_text())
    token = fresh.token("equipe@acme.test")
    exercises = call(fresh.base_url, token, "GET", "/api/v1/incidents?exercises=true")[2]["items"]
    assert drills == len(exercises)
    incidents = call(fresh.base_url, token, "GET", "/api/v1/incidents?limit=200")[2]["items"]
    assert real == len(incidents), "the default figures count the real incidents only"


def test_an_incident_manager_writes_a_playbook_that_the_helpdesk_follows(open_page, fresh):
    """#20 point 2: a playbook written on /playbooks without a line of JavaScript, chosen when an incident
    is qualified: its steps join the checklist, with who does each; the page passes axe."""
    manager = open_page()
    sign_in(manager, "equipe@acme.test")
    manager.goto("/playbooks")
    new = manager.locator("article", has=manager.get_by_role("heading", name="Nouveau playbook"))
    new.get_by_label("Nom").fill("Panne de messagerie")
    new.get_by_label("Types d'incident").fill("Messagerie")
    new.get_by_label("Étape 1", exact=True).fill("Basculer sur le relais de secours")
    new.get_by_label("Qui").first.select_option("response_team")
    new.get_by_label("Étape 2", exact=True).fill("Prévenir les clients <b>par téléphone</b>")
    new.get_by_role("button", name="Créer le playbook").click()
    expect(manager.get_by_text("Playbook créé.")).to_be_visible()
    expect(manager.get_by_role("heading", name=re.compile("Panne de messagerie"))).to_be_visible()
    results = Axe().run(manager)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, results.generate_report()

    helpdesk = open_page()
    sign_in(helpdesk, "helpdesk@acme.test")
    helpdesk.get_by_role("link", name="Signaler un incident").click()
    helpdesk.get_by_label("Description courte").fill("Plus aucun e-mail ne part")
    helpdesk.get_by_label("Description détaillée").fill("Le relais SMTP refuse les connexions.")
    helpdesk.get_by_role("button", name="Envoyer").click()
    helpdesk.get_by_label("Type").fill("Messagerie")
    helpdesk.get_by_label("Gravité").select_option("minor")
    helpdesk.get_by_label("Playbook").select_option(label="Panne de messagerie")
    helpdesk.get_by_role("button", name="Enregistrer la qualification").click()
    expect(helpdesk.get_by_text("Qualification enregistrée.")).to_be_visible()
    checklist = helpdesk.locator("ol.checklist")
    expect(checklist).to_contain_text("Basculer sur le relais de secours — équipe d'intervention")
    expect(checklist).to_contain_text("Prévenir les clients <b>par téléphone</b>")
