import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

/// What stays of the law's side (#17): the breach register, the drafts, what is kept when the
/// assessment changes, and who is refused first.
extension RegulationAPITests {
    @Test("the breach register keeps every breach, notified or not, the rejected too; CSV for a spreadsheet")
    func breachRegister() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let first = try await t.report(as: p.reporter, title: "Fichier clients exposé")
            let second = try await t.report(as: p.reporter, title: "Clé USB perdue")
            let third = try await t.report(as: p.reporter, title: "Imprimante")
            try #require(try await assess(t, first, as: p.team).status == .ok)
            try #require(
                try await assess(t, second, as: p.team, json: #"{"personalData":{"risk":"none","encrypted":true}}"#)
                    .status == .ok)
            try #require(try await assess(t, third, as: p.team, json: #"{"nis2":{"crossBorder":true}}"#).status == .ok)
            _ = try await t.send(
                .POST, "/api/v1/incidents/\(second.id)/obligations/gdpr_authority/decisions", as: p.privacy,
                json: #"{"reason":"Clé chiffrée"}"#)
            let helpdesk = try await t.user([.helpdeskOperator])
            _ = try await t.move(second, to: .rejected, as: helpdesk, reason: "Retrouvée")
            #expect(try await t.send(.GET, "/api/v1/breaches", as: p.reporter).status == .forbidden)
            let register = try await t.send(.GET, "/api/v1/breaches", as: p.privacy).decode(BreachPageJSON.self)
            #expect(Set(register.items.map(\.number)) == [first.number, second.number])
            let rejected = try #require(register.items.first { $0.number == second.number })
            #expect(rejected.status == "rejected")
            #expect(rejected.authority.status == "not_notified")
            #expect(rejected.authority.reason == "Clé chiffrée")
            #expect(rejected.dataSubjects.status == "not_required")
            let csv = try await t.send(
                .GET, "/api/v1/breaches.csv", as: p.privacy, headers: [("Accept-Language", "fr")])
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.hasPrefix("\u{FEFF}Numéro;Titre;"))
            #expect(csv.body.string.contains(": Clé chiffrée"))
            #expect(csv.body.string.contains("Non notifié 20"))
            #expect(!csv.body.string.contains("Imprimante"))
        }
    }

    struct DraftJSON: Decodable {
        let kind: String
        let language: String
        let markdown: String
    }

    @Test(
        "the GDPR draft says (a) to (d) in the organisation's language, or the one asked; a step not called for is 409")
    func drafts() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter, title: "Fichier clients exposé")
            try #require(try await assess(t, incident, as: p.team).status == .ok)
            let path = "/api/v1/incidents/\(incident.id)/reports"
            let french = try await t.send(.GET, "\(path)/gdpr_authority", as: p.privacy)
            try #require(french.status == .ok, "\(french.body.string)")
            let draft = try french.decode(DraftJSON.self)
            #expect(draft.language == "fr")
            for heading in ["## a) Nature de la violation", "## b) Délégué", "## c) Conséquences", "## d) Mesures"] {
                #expect(draft.markdown.contains(heading), "\(heading)")
            }
            #expect(draft.markdown.contains("Hameçonnage"))
            #expect(draft.markdown.contains("Mots de passe changés"))
            #expect(draft.markdown.contains("Fichier clients exposé"))
            let dutch = try await t.send(.GET, "\(path)/gdpr_authority?language=nl", as: p.privacy)
            #expect(try dutch.decode(DraftJSON.self).markdown.contains("## a) Aard van de inbreuk"))
            let people = try await t.send(.GET, "\(path)/gdpr_data_subjects", as: p.privacy)
            #expect(try people.decode(DraftJSON.self).markdown.contains("Ce que nous vous conseillons de faire"))
            #expect(try await t.send(.GET, "\(path)/dora_initial", as: p.privacy).status == .conflict)
            #expect(try await t.send(.GET, "\(path)/nowhere", as: p.privacy).status == .notFound)
            #expect(
                try await t.send(.GET, "\(path)/gdpr_authority?language=de", as: p.privacy).status
                    == .unprocessableEntity)
            #expect(try await t.send(.GET, "\(path)/gdpr_authority?langue=fr", as: p.privacy).status == .badRequest)
            #expect(try await t.send(.GET, "\(path)/gdpr_authority", as: p.reporter).status == .forbidden)
        }
    }

    @Test("a DORA classification is kept when a later assessment leaves it out")
    func classificationKept() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            try #require(
                try await t.send(
                    .PUT, "/api/v1/settings/regulation", as: p.admin,
                    json: #"{"nis2":"not_concerned","dora":true,"country":"fr"}"#
                ).status == .ok)
            let incident = try await t.report(as: p.reporter)
            t.clock.advance(by: 3600)
            let first = try await assess(t, incident, as: p.manager, json: #"{"dora":{"major":true}}"#)
            let due = try obligation("dora_initial", in: first).dueAt
            #expect(due == t.clock.now().addingTimeInterval(4 * 3600))
            t.clock.advance(by: 3600)
            let later = try await assess(
                t, incident, as: p.manager, json: #"{"dora":{"major":true},"personalData":{"risk":"none"}}"#)
            #expect(try obligation("dora_initial", in: later).dueAt == due)
        }
    }

    @Test("what was sent stays in the breach register when the assessment changes, even to no breach")
    func recordsKept() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            try #require(try await assess(t, incident, as: p.team).status == .ok)
            let now = t.clock.now().formatted(.iso8601)
            let sent = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/obligations/gdpr_data_subjects/submissions", as: p.privacy,
                json: #"{"at":"\#(now)","recipient":"Clients"}"#)
            try #require(sent.status == .created, "\(sent.body.string)")
            let withdrawn = try await assess(t, incident, as: p.team, json: "{}")
            #expect(try withdrawn.decode(AssessmentJSON.self).obligations.isEmpty)
            #expect(withdrawn.body.string.contains("\"step\":\"gdpr_data_subjects\""), "the record is still listed")
            let register = try await t.send(.GET, "/api/v1/breaches", as: p.privacy).decode(BreachPageJSON.self)
            let line = try #require(register.items.first { $0.number == incident.number })
            #expect(line.dataSubjects.status == "sent")
            #expect(register.items.count == 1)
            #expect(
                try await t.send(.GET, "/api/v1/breaches", as: p.privacy).body.string.contains("\"withdrawn\":true"))
        }
    }

    @Test("a reporter is refused the law's side before anything they send is read")
    func reporterRefusedFirst() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            try #require(try await assess(t, incident, as: p.team).status == .ok)
            let path = "/api/v1/incidents/\(incident.id)"
            #expect(
                try await t.send(.POST, "\(path)/obligations/gdpr_authority/decisions", as: p.reporter, json: "{}")
                    .status == .forbidden)
            #expect(
                try await t.send(.POST, "\(path)/obligations/gdpr_authority/submissions", as: p.reporter, json: "{}")
                    .status == .forbidden)
            #expect(
                try await t.send(.GET, "\(path)/reports/gdpr_authority?language=xx", as: p.reporter).status
                    == .forbidden)
            #expect(
                try await t.send(.GET, "/api/v1/incidents?openObligations=true", as: p.reporter).status == .forbidden)
        }
    }
}
