import Foundation
import Testing

@testable import RiposteCore

@Suite("Messages sent from an incident")
struct OutgoingMessageTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let supplier = MessageRecipient(address: "ops@supplier.be", audience: .clientOrSupplier, label: "Supplier")
    static let reporter = MessageRecipient(address: "ann@acme.be", audience: .reporter, label: "Ann")

    static func message(_ recipients: [MessageRecipient], body: String = "Solved.") throws -> OutgoingMessage {
        try OutgoingMessage.validated(
            kind: .resolved, language: .nl, recipients: recipients, subject: "Opgelost", body: body)
    }

    @Test(
        "an address must be an e-mail address with nothing a header could be split on",
        arguments: [
            "not-an-address", "a@b", "a b@c.de", "a@b.c,d@e.f", "<a@b.cd>", "a@b.cd\r\nBcc: x@y.z", "\"a\"@b.cd",
        ])
    func badAddresses(raw: String) {
        #expect(throws: FieldError(field: "addresses[0]", problem: .invalid)) {
            try MessageRecipient.address(raw, field: "addresses[0]")
        }
    }

    @Test("an address is kept lowercased") func goodAddress() throws {
        #expect(try MessageRecipient.address(" Ops@Supplier.BE ", field: "a") == "ops@supplier.be")
    }

    @Test("an empty body, no recipient or too many are refused")
    func refused() {
        #expect(throws: FieldError(field: "body", problem: .required)) { try Self.message([Self.reporter], body: " ") }
        #expect(throws: FieldError(field: "to", problem: .required)) { try Self.message([]) }
        let many = (0...OutgoingMessage.recipientLimit).map {
            MessageRecipient(address: "p\($0)@acme.be", audience: .other)
        }
        #expect(throws: FieldError(field: "to", problem: .tooLong, limit: OutgoingMessage.recipientLimit)) {
            try Self.message(many)
        }
    }

    @Test("an address named twice goes once, as the audience the plan guards most")
    func deduplicated() throws {
        let twice = MessageRecipient(address: "ops@supplier.be", audience: .other)
        let message = try Self.message([twice, Self.reporter, Self.supplier])
        #expect(message.recipients.map(\.address) == ["ops@supplier.be", "ann@acme.be"])
        #expect(message.audiences == [.clientOrSupplier, .reporter])
    }

    @Test("the log names whom it went to, and the journal keeps the whole text and the template")
    func effects() throws {
        let message = try Self.message([Self.supplier, Self.reporter])
        let entry = try #require(message.effects(at: Self.now).journal.first)
        #expect(entry.kind == .communication)
        #expect(entry.text == "Opgelost\n\nSolved.")
        #expect(entry.details["recipients"] == "ops@supplier.be, ann@acme.be")
        #expect(entry.details["audience"] == "Supplier, Ann")
        #expect(entry.details["direction"] == "external")
        #expect(entry.details["media"] == "email")
        #expect(entry.details["template"] == "resolved")
        #expect(entry.details["language"] == "nl")
        #expect(try Self.message([Self.reporter]).communication(at: Self.now).direction == .internal)
    }
}

@Suite("Who may send messages")
struct SendMessageRulesTests {
    static let bcpActive = PlanState(activeSince: [.bcp: Date(timeIntervalSince1970: 0)])

    static func judge(
        _ roles: Set<Role>, _ audiences: Set<MessageAudience>, severity: Severity = .major,
        status: IncidentStatus = .inTreatment, plans: PlanState = PlanState(), handlesIt: Bool = false
    ) -> LifecycleError? {
        if case .failure(let refusal) = Lifecycle.sendMessage(
            IncidentState(status: status, severity: severity, plans: plans), to: audiences, roles: roles,
            handlesIt: handlesIt)
        {
            return refusal
        }
        return nil
    }

    @Test("the helpdesk tells the reporter within its reach; its owner whatever its severity")
    func stakeholders() {
        #expect(Self.judge([.helpdeskOperator], [.reporter], severity: .minor) == nil)
        #expect(Self.judge([.helpdeskOperator], [.reporter]) == .forbidden(.sendMessage))
        #expect(Self.judge([.helpdeskOperator], [.reporter], handlesIt: true) == nil)
        #expect(Self.judge([.reporter], [.reporter], handlesIt: true) == .forbidden(.sendMessage))
        #expect(Self.judge([.responseTeam], [.other]) == nil)
        #expect(Self.judge([.admin], [.other]) == .forbidden(.sendMessage))
    }

    @Test("clients and suppliers: the incident manager (note G), the continuity manager once the BCP runs (note H)")
    func clientsAndSuppliers() {
        #expect(Self.judge([.incidentManager], [.clientOrSupplier]) == nil)
        #expect(
            Self.judge([.continuityManager], [.clientOrSupplier])
                == .forbidden(.messageClientsAndSuppliers))
        #expect(
            Self.judge([.incidentManager], [.clientOrSupplier], plans: Self.bcpActive)
                == .forbidden(.messageClientsAndSuppliers))
        #expect(Self.judge([.continuityManager], [.clientOrSupplier], plans: Self.bcpActive) == nil)
        #expect(
            Self.judge([.responseTeam], [.reporter, .clientOrSupplier], handlesIt: true)
                == .forbidden(.messageClientsAndSuppliers))
    }

    @Test("in each status: until the review is done, never on a rejected report", arguments: IncidentStatus.allCases)
    func statuses(status: IncidentStatus) {
        let refusal = Self.judge([.incidentManager], [.reporter], status: status)
        switch status {
        case .reviewed, .rejected: #expect(refusal == .incidentFinished(status))
        default: #expect(refusal == nil)
        }
    }

    @Test("the form offers exactly the audiences a message may reach")
    func reach() {
        let incident = IncidentState(status: .resolved, severity: .minor)
        #expect(Lifecycle.messageReach(incident, roles: [.incidentManager]) == Set(MessageAudience.allCases))
        #expect(Lifecycle.messageReach(incident, roles: [.helpdeskManager]) == [.reporter, .other])
        #expect(Lifecycle.messageReach(incident, roles: [.recoveryManager]) == nil)
        #expect(Lifecycle.offersResolutionMessage(incident))
        #expect(!Lifecycle.offersResolutionMessage(IncidentState(status: .closed, severity: .minor)))
    }
}
