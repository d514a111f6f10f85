import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Pages: durations as a number and a unit (#19 point 3)")
struct DurationFieldsPageTests {
    static func slaFields(_ overrides: [String: String] = [:]) -> [(String, String)] {
        var fields: [(String, String)] = []
        for severity in Severity.allCases {
            fields += [("\(severity.rawValue).qualify", "2 heures"), ("\(severity.rawValue).resolve", "2 jours")]
        }
        return fields.map { ($0.0, overrides[$0.0] ?? $0.1) }
            + overrides.filter { key, _ in
                !fields.contains { $0.0 == key }
            }.map { ($0.key, $0.value) }
    }

    @Test("“4 heures” is saved as PT4H and shown again as “4 heures”; the API keeps ISO 8601")
    func saved() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            let page = try await admin.get("/admin").body.string
            #expect(page.contains(#"name="low.qualify" id="low.qualify" value="#), "\(page)")
            #expect(!page.contains(#"value="PT"#), "no ISO 8601 on the page")
            let saved = try await admin.post(
                "/admin/sla", Self.slaFields(["minor.qualify": "4 heures", "major.statusReport": "90 minutes"]))
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let sla = try await t.app.escalationSweep.settings.sla()
            #expect(sla.targets(for: .minor).qualify.description == "PT4H")
            #expect(sla.targets(for: .major).statusReport?.description == "PT1H30M")
            #expect(sla.targets(for: .low).resolve.description == "P2D")
            let shown = try await admin.get("/admin").body.string
            #expect(shown.contains(#"id="minor.qualify" value="4 heures""#))
            #expect(shown.contains(#"id="major.statusReport" value="90 minutes""#))
            #expect(shown.contains(#"id="low.resolve" value="2 jours""#))

            let user = try await t.user([.admin])
            let api = try await t.send(.GET, "/api/v1/settings/sla", as: user).body.string
            #expect(api.contains("PT4H"), "\(api)")
        }
    }

    @Test(
        "zero, negative, over a year or not a duration: the form again, the message next to the field, nothing saved",
        arguments: [
            ("0 minute", "Une durée va d&#39;une minute à un an."),
            ("-4 heures", "Une durée va d&#39;une minute à un an."),
            ("400 jours", "Une durée va d&#39;une minute à un an."), ("4 bananes", "Écrivez un nombre et une unité"),
        ])
    func refused(typed: String, message: String) async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/admin")
            let before = try await t.app.escalationSweep.settings.sla()
            let refused = try await admin.post("/admin/sla", Self.slaFields(["major.resolve": typed]))
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains(#"id="major.resolve" value="\#(typed)""#), "what was typed is kept")
            #expect(body.contains(#"aria-invalid="true" aria-describedby="major.resolve-error""#))
            #expect(body.contains(#"<p class="field-error" id="major.resolve-error">\#(message)"#), "\(body)")
            #expect(body.contains(#"id="minor.qualify" value="2 heures""#), "the other fields keep what was typed")
            #expect(try await t.app.escalationSweep.settings.sla() == before)
        }
    }

    @Test("an activity's RTO is typed in words, shown in words, refused next to its field")
    func activities() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/activities")
            let added = try await admin.post("/activities", [("name", "Facturation"), ("rto", "2 jours")])
            #expect(added.status == .seeOther, "\(added.body.string)")
            let rto = try await SettingsStore.activities(on: t.db.sql()).first?.rto
            #expect(rto?.description == "P2D")
            let page = try await admin.get("/activities").body.string
            #expect(page.contains(#"value="2 jours""#))
            let refused = try await admin.post("/activities", [("name", "Paie"), ("rto", "2 ans")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="activity-rto-error">Écrivez un nombre et une unité"#))
            #expect(try await SettingsStore.activities(on: t.db.sql()).count == 1)
        }
    }
}
