import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: administration")
struct AdminPagesTests {
    @Test("an admin adds a person who then signs in with their roles") func people() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/admin")
            let created = try await admin.post(
                "/admin/users",
                [
                    ("name", "Hugo"), ("email", "hugo@example.test"), ("password", "a long passphrase"),
                    ("roles[]", "helpdesk_operator"), ("roles[]", "helpdesk_manager"),
                ])
            #expect(created.status == .seeOther)
            let page = try await admin.get("/admin")
            #expect(page.body.string.contains("Compte créé."))
            #expect(page.body.string.contains("hugo@example.test"))
            let hugo = try await Browser.signIn(t, email: "hugo@example.test", password: "a long passphrase")
            #expect(try await hugo.get("/incidents").status == .ok)
            #expect(try await hugo.get("/admin").status == .forbidden)
            let forged = try await hugo.post(
                "/admin/users", [("name", "X"), ("email", "x@example.test"), ("password", "a long passphrase")])
            #expect(forged.status == .forbidden)
        }
    }

    @Test("refusals come back next to the field; the last admin keeps the role") func refusals() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/admin")
            let before = try await t.snapshot()
            let short = try await admin.post(
                "/admin/users", [("name", "Hugo"), ("email", "hugo@example.test"), ("password", "short")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains(#"id="new-password-error""#))
            #expect(short.body.string.contains(#"value="hugo@example.test""#))
            let id = try #require(
                try await t.db.sql().raw("SELECT id FROM users").first()?.decode(column: "id", as: UUID.self))
            let demote = try await admin.post("/admin/users/\(id)/roles", [("roles[]", "reporter")])
            #expect(demote.status == .conflict)
            #expect(demote.body.string.contains("Le dernier administrateur garde son rôle."))
            let sla = try await admin.post("/admin/sla", [("low.qualify", "4 bananes")])
            #expect(sla.status == .unprocessableEntity)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("SLA, activities and types are saved and offered") func settings() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/admin")
            var fields: [(String, String)] = []
            for severity in Severity.allCases {
                fields += [("\(severity.rawValue).qualify", "PT2H"), ("\(severity.rawValue).resolve", "P2D")]
            }
            fields.append(("major.statusReport", "PT1H"))
            #expect(try await admin.post("/admin/sla", fields).status == .seeOther)
            let sla = try await t.app.escalationSweep.settings.sla()
            #expect(sla.targets(for: .minor).resolve == ISODuration("P2D"))
            #expect(sla.targets(for: .major).statusReport == ISODuration("PT1H"))
            #expect(
                try await admin.post("/admin/activities", [("name", "Facturation"), ("rto", "PT4H")]).status
                    == .seeOther)
            let duplicate = try await admin.post("/admin/activities", [("name", "Facturation"), ("rto", "PT4H")])
            #expect(duplicate.status == .conflict)
            #expect(try await admin.post("/admin/types", [("type", "réseau")]).status == .seeOther)
            let page = try await admin.get("/admin")
            #expect(page.body.string.contains("Facturation"))
            try await admin.get("/incidents/new")
            let sent = try await admin.post("/incidents/new", [("title", "Panne"), ("description", "Rien")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            // An admin does not qualify; the type list shows on the page of one who does.
            try await t.person([.helpdeskOperator], email: "hd@example.test")
            let helpdesk = try await Browser.signIn(t, email: "hd@example.test", password: "a long passphrase")
            #expect(try await helpdesk.get("/incidents/\(number)").body.string.contains(#"<option value="réseau">"#))
        }
    }
}

@Suite("Pages: contacts and communications")
struct ContactPagesTests {
    @Test("the admin fills the directory; the dashboard flags what is missing") func directory() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            #expect(try await admin.get("/").body.string.contains("Annuaire incomplet"))
            try await admin.get("/contacts")
            let saved = try await admin.post(
                "/contacts",
                [
                    ("kind", "supplier"), ("name", "Hébergeur"), ("contractReference", "C-12"),
                    ("principalName", "Sam"), ("principalPhone", "+32 2 123 45 67"),
                    ("backupName", "Lou"), ("backupEmail", "lou@example.test"),
                ])
            #expect(saved.status == .seeOther)
            let page = try await admin.get("/contacts")
            #expect(page.body.string.contains("Hébergeur"))
            #expect(page.body.string.contains("+32 2 123 45 67"))
            let bad = try await admin.post("/contacts", [("kind", "role"), ("name", "chef"), ("principalName", "X")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#"id="party-name-error""#))
        }
    }

    @Test("a party is corrected and deleted on the page, not only through the API (#16 point 6)")
    func editAndDelete() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/contacts")
            _ = try await admin.post(
                "/contacts", [("kind", "supplier"), ("name", "Hébergeur"), ("principalName", "Sam")])
            var page = try await admin.get("/contacts").body.string
            let id = try #require(page.firstMatch(of: /edit=([0-9A-F-]{36})/)).1
            let form = try await admin.get("/contacts?edit=\(id)").body.string
            #expect(form.contains(#"value="Hébergeur""#) && form.contains(#"value="Sam""#))
            #expect(form.contains("/contacts/\(id)/save"))
            let saved = try await admin.post(
                "/contacts/\(id)/save",
                [("kind", "supplier"), ("name", "Hébergeur SA"), ("principalName", "Sam"), ("backupName", "Lou")])
            #expect(saved.status == .seeOther)
            page = try await admin.get("/contacts").body.string
            #expect(page.contains("Hébergeur SA") && page.contains("Lou"))
            let refused = try await admin.post("/contacts/\(id)/save", [("kind", "supplier"), ("name", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await admin.post("/contacts/\(id)/delete", []).status == .seeOther)
            #expect(!(try await admin.get("/contacts").body.string.contains("Hébergeur SA")))
            #expect(try await admin.post("/contacts/\(id)/delete", []).status == .notFound)
        }
    }

    @Test("the last backup is shown, and its absence or age warned of")
    func backups() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            var page = try await admin.get("/admin").body.string
            #expect(
                page.contains("Aucune sauvegarde n&#39;a encore été faite")
                    || page.contains("Aucune sauvegarde n'a encore été faite"))
            #expect(page.contains("Pas de sauvegarde depuis plus de deux jours"))
            let entry = BackupLog.Entry(at: t.clock.now(), bytes: 2_500_000, sha256: "ab", file: "/tmp/x.zip")
            try await BackupLog.record(entry, on: t.db.sql())
            page = try await admin.get("/admin").body.string
            #expect(page.contains("Dernière sauvegarde"))
            #expect(!page.contains("Pas de sauvegarde depuis plus de deux jours"))
            t.clock.advance(by: 3 * 86_400)
            let later = try await Browser.signIn(t, email: "admin@example.test", password: "correct horse battery")
            #expect(try await later.get("/admin").body.string.contains("Pas de sauvegarde depuis plus de deux jours"))
        }
    }
}
