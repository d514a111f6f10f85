import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// The getting-ready checklist (#19 point 3): what the preparation stage (§4.1 and the
/// annexes) still lacks, ticked by what the database holds, and the test e-mail that ticks its
/// own line. For whoever keeps the settings.
struct GettingReadyActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date

    static let emailFailed = "email_failed"

    func lines() async throws -> [GettingReady.Line] {
        try require()
        var facts = try await GettingReadyStore.facts(on: database.sql())
        facts.directoryGaps = try await PreparationActions(database: database, gate: gate, actor: actor, now: now)
            .gaps().count
        return GettingReady.lines(facts)
    }

    /// Sends an e-mail to the person asking, through the command notifications use, and
    /// remembers that it went out. 409 without a command; 502, with the command's own words,
    /// when it refused the message: nothing is recorded then.
    func sendTestEmail(
        through transport: SendmailTransport?, subject: String, body: String
    ) async throws -> String {
        try require()
        guard let transport else { throw IncidentActions.emailNotConfigured }
        guard let address = try await PeopleStore.email(of: actor.id, on: database.sql()) else {
            throw Refusal.notFound(.user)
        }
        do {
            try await transport.sendTest(to: address, subject: subject, body: body, id: UUID.random())
        } catch let failure as DeliveryFailure {
            throw TestEmailFailure(failure: failure)
        }
        try await gate.transaction(on: database) { tx in
            try await GettingReadyStore.recordEmailTested(at: now, on: tx.sql())
        }
        return address
    }

    private func require() throws {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
    }
}

/// The e-mail command refused the test message: why, in its words.
struct TestEmailFailure: Error {
    let failure: DeliveryFailure
}

extension Request {
    var gettingReady: GettingReadyActions {
        get throws { GettingReadyActions(database: db, gate: application.writeGate, actor: try actingPerson, now: now) }
    }

    /// The transport notifications use, when Riposte sends e-mail.
    var mailTransport: SendmailTransport? {
        let settings = application.notificationSettings
        return settings.sendmail.map { SendmailTransport(command: $0, from: settings.mailFrom) }
    }
}
