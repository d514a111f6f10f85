import Foundation
import Testing

@testable import RiposteCore

@Suite("Reports from outside: the form's rules, what the reporter sees, the limits (#18 point 1)")
struct PublicReportTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static func report(
        title: String = "Portail client inaccessible", description: String = "Erreur 502 depuis 9 h",
        name: String = "Lou Martin", email: String = "Lou@Client.example", phone: String? = "+32 2 123 45 67",
        noticedAt: Date? = nil
    ) -> PublicReport {
        PublicReport(
            title: title, description: description, name: name, email: email, phone: phone, noticedAt: noticedAt)
    }

    @Test("a report is trimmed, its address lowercased, an empty phone is none")
    func valid() throws {
        let checked = try Self.report(title: "  Portail  ", phone: "  ").validated(at: Self.now)
        #expect(checked.title == "Portail")
        #expect(checked.email == "lou@client.example")
        #expect(checked.phone == nil)
    }

    @Test(
        "each field is refused by its name",
        arguments: [
            (report(title: " "), "title", FieldError.Problem.required),
            (report(description: ""), "description", .required),
            (report(name: ""), "name", .required),
            (report(email: "lou@"), "email", .invalid),
            (report(email: "lou@client.example\r\nBcc: x@y.z"), "email", .invalid),
            (report(phone: "call me"), "phone", .invalid),
            (report(title: String(repeating: "a", count: 201)), "title", .tooLong),
            (report(name: "Lou\nBcc: x@y.z"), "name", .invalid),
            (report(title: "Portail\r\ninaccessible"), "title", .invalid),
            (report(noticedAt: now.addingTimeInterval(3600)), "noticedAt", .outOfRange),
        ])
    func refused(report: PublicReport, field: String, problem: FieldError.Problem) {
        #expect(throws: FieldError(field: field, problem: problem, limit: problem == .tooLong ? 200 : nil)) {
            try report.validated(at: Self.now)
        }
    }

    @Test("a time noticed a few minutes ahead is clock skew, accepted")
    func skew() throws {
        #expect(throws: Never.self) {
            try Self.report(noticedAt: Self.now.addingTimeInterval(120)).validated(at: Self.now)
        }
    }

    @Test("the channel is the link's: a supplier's, a client's, the general one")
    func channels() {
        #expect(ReportLinkScope.party(UUID(), .supplier).channel == .supplier)
        #expect(ReportLinkScope.party(UUID(), .client).channel == .client)
        #expect(ReportLinkScope.general.channel == .webPublic)
        #expect(Self.report().incident(channel: .supplier).channel == .supplier)
        #expect(Self.report(noticedAt: Self.now).incident(channel: .client).detectedAt == Self.now)
    }

    @Test("filing it journals who reported it and tells the helpdesk, operators and manager")
    func effects() throws {
        let effects = try Self.report().validated(at: Self.now).effects(party: "Hébergeur")
        let entry = try #require(effects.journal.first)
        #expect(entry.kind == .reportedFromOutside)
        #expect(
            entry.details == [
                "name": "Lou Martin", "email": "lou@client.example", "phone": "+32 2 123 45 67", "party": "Hébergeur",
            ])
        let event = try #require(effects.events.first)
        #expect(event.kind == .reportedFromOutside)
        #expect(Set(event.recipients.map(\.role)) == [.helpdeskOperator, .helpdeskManager])
        #expect(event.note == "Hébergeur")
        #expect(Self.report().effects(party: nil).events.first?.note == "Lou Martin")
    }

    @Test(
        "the reporter sees where it stands in their words, never the handlers' statuses",
        arguments: [
            (IncidentStatus.reported, PublicStage.received), (.qualified, .inProgress), (.inTreatment, .inProgress),
            (.eradication, .inProgress), (.resolved, .resolved), (.closed, .closed), (.reviewed, .closed),
            (.rejected, .notRetained),
        ])
    func stages(status: IncidentStatus, stage: PublicStage) {
        #expect(PublicStage(status) == stage)
    }

    @Test("information is taken until the incident is closed or not retained")
    func information() throws {
        let added = try PublicFollowUp.information(" Le portail revient ", from: "Lou", stage: .resolved)
        #expect(added.journal.first?.kind == .reporterInformation)
        #expect(added.journal.first?.text == "Le portail revient")
        #expect(added.journal.first?.details == ["name": "Lou"])
        for stage in [PublicStage.closed, .notRetained] {
            #expect(throws: FieldError(field: "text", problem: .invalid)) {
                try PublicFollowUp.information("encore", from: "Lou", stage: stage)
            }
        }
        #expect(throws: FieldError(field: "text", problem: .required)) {
            try PublicFollowUp.information("  ", from: "Lou", stage: .received)
        }
        #expect(throws: FieldError(field: "text", problem: .tooLong, limit: 5_000)) {
            try PublicFollowUp.update(String(repeating: "x", count: 5_001))
        }
        #expect(try PublicFollowUp.update("Rétabli à 11 h").journal.first?.kind == .publicUpdate)
    }

    @Test("a window allows its limit, refuses with the time left, and starts again once over")
    func window() {
        var window = RateWindow(limit: 2, period: 60)
        #expect(window.admit(at: Self.now) == nil)
        #expect(window.admit(at: Self.now.addingTimeInterval(10)) == nil)
        #expect(window.admit(at: Self.now.addingTimeInterval(20)) == 40)
        #expect(!window.isOver(at: Self.now.addingTimeInterval(59)))
        #expect(window.isOver(at: Self.now.addingTimeInterval(60)))
        #expect(window.admit(at: Self.now.addingTimeInterval(60)) == nil)
        var closed = RateWindow(limit: 0, period: 60)
        #expect(closed.admit(at: Self.now) == 60)
    }

    @Test("the ways to report: the form always, then each that exists, names sorted, no address of a link")
    func means() throws {
        let wording = KeyWording()
        #expect(ReportingMeans().lines(in: .nl, wording: wording) == ["- ⟨nl:plan.document.means.form⟩"])
        let all = ReportingMeans(
            mailbox: "incidents@acme.test", phone: "+32 2 555 00 00", generalLink: true,
            parties: ["Ville", "Hébergeur"],
            integrations: ["Prometheus"])
        #expect(
            all.sentences(in: .fr, wording: wording) == [
                "⟨fr:plan.document.means.form⟩", "⟨fr:plan.document.means.mailbox|incidents@acme.test⟩",
                "⟨fr:plan.document.means.phone|+32 2 555 00 00⟩", "⟨fr:plan.document.means.general⟩",
                "⟨fr:plan.document.means.parties|Hébergeur, Ville⟩", "⟨fr:plan.document.means.integrations|Prometheus⟩",
            ])
        let checked = try ReportingMeans.validated(mailbox: " Incidents@ACME.test ", phone: " ")
        #expect(checked.0 == "incidents@acme.test" && checked.1 == nil)
        #expect(try ReportingMeans.validated(mailbox: "", phone: nil) == (nil, nil))
        #expect(throws: FieldError(field: "mailbox", problem: .invalid)) {
            try ReportingMeans.validated(mailbox: "incidents@", phone: nil)
        }
        #expect(throws: FieldError(field: "phone", problem: .invalid)) {
            try ReportingMeans.validated(mailbox: nil, phone: "appelez-nous")
        }
    }
}
