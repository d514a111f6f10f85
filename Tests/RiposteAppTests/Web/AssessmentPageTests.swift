import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the law's deadlines, the breach register, the regimes")
struct AssessmentPageTests {
    static let password = HandlingPagesTests.password

    /// The page's datetime-local value of a time, in the organisation's zone (Brussels).
    static func local(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Brussels")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    @Test(
        "a breach with a high risk, assessed on the page, shows its 72 hours on the incident and the dashboard; recording the submission clears it"
    )
    func assessOnThePage() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await t.person([.incidentManager, .privacyOfficer], email: "dpo@example.test")
            let reporter = try await t.user([.reporter])
            let incident = try await t.report(as: reporter, title: "Fichier clients exposé")
            let browser = try await Browser.signIn(t, email: "dpo@example.test", password: Self.password)
            var page = try await browser.get("/incidents/\(incident.number)/assessment").body.string
            #expect(page.contains("pas encore été évalué"))
            let version = try #require(IncidentPagesTests.version(in: page))
            let aware = Self.local(incident.reportedAt)
            // Bad input comes back next to its field, what was typed kept, nothing written.
            let refused = try await browser.post(
                "/incidents/\(incident.number)/assessment",
                [
                    ("version", version), ("awareAt", aware), ("personalData", "1"), ("risk", "high"),
                    ("approximateSubjects", "beaucoup"), ("dataCategories", "<script>alert(1)</script>"),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("id=\"approximateSubjects-error\""))
            #expect(refused.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!refused.body.string.contains("<script>alert(1)"))
            #expect(try await t.send(.GET, "/api/v1/breaches", as: reporter).status == .forbidden)
            let saved = try await browser.post(
                "/incidents/\(incident.number)/assessment",
                [
                    ("version", version), ("awareAt", aware), ("personalData", "1"), ("risk", "high"),
                    ("approximateSubjects", "1200"), ("dataCategories", "Noms et e-mails"),
                    ("measures", "Mots de passe changés"),
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            page = try await browser.get("/incidents/\(incident.number)/assessment").body.string
            #expect(page.contains("RGPD : notification à l&#39;autorité de contrôle"))
            #expect(page.contains("reste 3 j"))
            #expect(page.contains("CNIL"))
            let incidentPage = try await browser.get("/incidents/\(incident.number)").body.string
            #expect(incidentPage.contains("Délais légaux ouverts"))
            let dashboard = try await browser.get("/").body.string
            #expect(dashboard.contains("Délais réglementaires"))
            #expect(dashboard.contains("RGPD : notification à l&#39;autorité de contrôle"))
            // A submission in the future is refused beside its field.
            let future = try await browser.post(
                "/incidents/\(incident.number)/assessment/gdpr_authority/submissions",
                [("at", Self.local(t.clock.now().addingTimeInterval(7200))), ("recipient", "CNIL")])
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("gdpr_authority-at-error"))
            let sent = try await browser.post(
                "/incidents/\(incident.number)/assessment/gdpr_authority/submissions",
                [("at", Self.local(t.clock.now())), ("recipient", "CNIL"), ("reference", "NOTIF-42")])
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let after = try await browser.get("/").body.string
            #expect(!after.contains("RGPD : notification à l&#39;autorité de contrôle"))
            #expect(after.contains("RGPD : communication aux personnes concernées"), "art. 34 is still to do")
            page = try await browser.get("/incidents/\(incident.number)/assessment").body.string
            #expect(page.contains("NOTIF-42"))
            // The draft of the notification, (a) to (d) in French, printable and as Markdown.
            let draft = try await browser.get("/incidents/\(incident.number)/assessment/gdpr_authority/draft")
            #expect(draft.status == .ok)
            #expect(draft.body.string.contains("a) Nature de la violation"))
            #expect(draft.body.string.contains("d) Mesures prises ou proposées"))
            let markdown = try await browser.get("/incidents/\(incident.number)/assessment/gdpr_authority/draft.md")
            #expect(markdown.headers.contentType?.subType == "markdown")
            #expect(markdown.body.string.contains("## b) Délégué à la protection des données"))
            // The breach register, and its CSV, in French.
            let register = try await browser.get("/breaches").body.string
            #expect(register.contains(incident.number))
            #expect(register.contains("Mots de passe changés"))
            let csv = try await browser.get("/breaches/export.csv")
            #expect(csv.body.string.hasPrefix("\u{FEFF}Numéro;"))
            _ = admin
        }
    }

    @Test("the regimes: the administrator's page; a javascript: link refused beside it; a reporter gets 403")
    func regimes() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            var page = try await admin.get("/admin/regulation").body.string
            #expect(page.contains("CNIL"))
            let refused = try await admin.post(
                "/admin/regulation",
                [
                    ("nis2", "essential"), ("dora", "1"), ("country", "be"), ("regime[]", "gdpr"),
                    ("name[]", "Autorité"), ("link[]", "javascript:alert(1)"), ("privacyContact", "dpo@example.be"),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("aria-invalid=\"true\""))
            #expect(
                try await t.send(.GET, "/api/v1/settings/regulation", as: try await t.user([.admin])).body.string
                    .contains("CNIL"))
            let saved = try await admin.post(
                "/admin/regulation",
                [
                    ("nis2", "essential"), ("dora", "1"), ("country", "be"), ("known", "1"),
                    ("privacyContact", "dpo@example.be"),
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            page = try await admin.get("/admin/regulation").body.string
            #expect(page.contains("Safeonweb"))
            #expect(page.contains("dpo@example.be"))
            try await t.person([.reporter], email: "employee@example.test")
            let employee = try await Browser.signIn(t, email: "employee@example.test", password: Self.password)
            #expect(try await employee.get("/admin/regulation").status == .forbidden)
            #expect(try await employee.get("/breaches").status == .forbidden)
        }
    }
}
