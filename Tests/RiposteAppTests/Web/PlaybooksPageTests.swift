import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the severities' checklists and the scenario playbooks (#20 point 2)")
struct PlaybooksPageTests {
    @Test(
        "written on /playbooks without JavaScript, refused beside the row, scripts as text; proposed at qualification")
    func written() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            let empty = try await admin.get("/playbooks").body.string
            #expect(empty.contains("Procédures et playbooks") && empty.contains("(modèle du plan)"))
            #expect(empty.contains("Aucun playbook pour l&#39;instant."))

            // A step with an unknown role: the page again, the row's words kept, the reason beside it.
            let refused = try await admin.post(
                "/playbooks",
                [
                    ("name", "Rançongiciel <script>alert(1)</script>"), ("types", "Ransomware, Malware"),
                    ("text-0", "Isoler les postes"), ("role-0", "response_team"), ("text-1", ""),
                    ("text-2", "Prévenir l'assureur"), ("role-2", "janitor"),
                ])
            #expect(refused.status == .unprocessableEntity)
            let again = refused.body.string
            #expect(
                again.contains(#"id="pb-new-2-error""#) && again.contains(#"value="Prévenir l&#39;assureur""#),
                "\(again.components(separatedBy: "new-playbook")[0].suffix(3000))")
            let created = try await admin.post(
                "/playbooks",
                [
                    ("name", "Rançongiciel <script>alert(1)</script>"), ("types", "Ransomware, Malware"),
                    ("text-0", "Isoler les postes"), ("role-0", "response_team"), ("text-1", ""),
                    ("text-2", "Prévenir l'assureur"),
                ])
            #expect(created.status == .seeOther)
            let list = try await admin.get("/playbooks").body.string
            #expect(list.contains("Playbook créé.") && list.contains("version 1"))
            #expect(list.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !list.contains("<script>alert(1)"))

            // A severity's checklist rewritten: the template's first step kept as read, one added.
            let saved = try await admin.post(
                "/playbooks/checklists/low",
                [
                    ("key-0", "low.1"), ("text-0", try Catalogue.load().text("checklist.low.1", .fr, [])),
                    ("text-3", "Noter le numéro du ticket"), ("role-3", "helpdesk_operator"),
                ])
            #expect(saved.status == .seeOther)
            let procedures = try await t.send(
                .GET, "/api/v1/settings/checklists", as: try await t.user([.incidentManager]))
            let low = try procedures.decode(PlaybooksAPITests.ChecklistsJSON.self).low
            #expect(low.map(\.origin) == ["template", "organisation"] && low[1].role == "helpdesk_operator")

            // Proposed at qualification for its type; its steps join the checklist.
            try await t.person([.helpdeskOperator], email: "hd@example.test")
            let helpdesk = try await Browser.signIn(t, email: "hd@example.test", password: HandlingPagesTests.password)
            try await helpdesk.get("/incidents/new")
            let sent = try await helpdesk.post(
                "/incidents/new",
                [("title", "Chiffrement"), ("description", "Fichiers chiffrés"), ("type", "ransomware")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let page = try await helpdesk.get("/incidents/\(number)").body.string
            let id = try #require(
                try await t.send(.GET, "/api/v1/playbooks", as: try await t.user([.incidentManager]))
                    .decode(PlaybooksAPITests.PlaybooksJSON.self).items.first?.id.uuidString.lowercased())
            #expect(page.contains(#"<option value="\#(id)" selected>"#), "the type proposes it")
            let qualified = try await helpdesk.post(
                "/incidents/\(number)/qualify",
                [("type", "Ransomware"), ("severity", "low"), ("team", ""), ("playbook", id), ("version", "1")])
            #expect(qualified.status == .seeOther, "\(qualified.body.string.prefix(300))")
            let handled = try await helpdesk.get("/incidents/\(number)").body.string
            #expect(handled.contains("Noter le numéro du ticket") && handled.contains("Isoler les postes"))
            #expect(handled.contains("Prévenir l&#39;assureur"))
            // A reporter may not open the page.
            try await t.person([.reporter], email: "r@example.test")
            let reporter = try await Browser.signIn(t, email: "r@example.test", password: HandlingPagesTests.password)
            #expect(try await reporter.get("/playbooks").status == .forbidden)
        }
    }

    @Test("review questions written on /playbooks, asked in their section of the review page, a refusal beside its row")
    func reviewQuestions() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/playbooks")
            let refused = try await admin.post(
                "/playbooks/review-questions",
                [
                    ("qtext-0", "Qui a prévenu l'assureur ?"), ("qsection-0", "damages"), ("qtext-1", ""),
                    ("qtext-2", "<b>Encore</b>"), ("qsection-2", "nowhere"),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="rq-2-error""#))
            let saved = try await admin.post(
                "/playbooks/review-questions",
                [
                    ("qtext-0", "Qui a prévenu l'assureur ?"), ("qsection-0", "damages"), ("qtext-2", "<b>Encore</b>"),
                    ("qsection-2", "misc"),
                ])
            #expect(saved.status == .seeOther)
            let page = try await admin.get("/playbooks").body.string
            #expect(page.contains("Questions de la revue enregistrées.") && page.contains("&lt;b&gt;Encore&lt;/b&gt;"))

            let manager = try await t.user([.incidentManager, .helpdeskOperator])
            let crisis = try await t.user([.crisisManager])
            let incident = try await ReviewAPITests().closedIncident(t, manager: manager, crisis: crisis)
            try await t.person([.incidentManager], email: "im@example.test")
            let reviewer = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            let review = try await reviewer.get("/incidents/\(incident.number)/review").body.string
            #expect(review.contains("Qui a prévenu l&#39;assureur ?") && review.contains("&lt;b&gt;Encore&lt;/b&gt;"))
            #expect(!review.contains("<b>Encore</b>"))
        }
    }
}
