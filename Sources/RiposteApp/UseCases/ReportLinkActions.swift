import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The report links the administrator gives the directory's clients and suppliers, and the
/// organisation's general one (#18 point 1): made or renewed with a secret shown once, revoked
/// when it must stop working. Their reports are filed by a service account named after the
/// party, which cannot sign in.
struct ReportLinkActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let passwords: PasswordWork
    let actor: ActingPerson
    let now: Date
    let wording: Catalogue

    private func require() throws {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
    }

    func all() async throws -> [ReportLinkStore.Record] {
        try require()
        return try await ReportLinkStore.all(on: database.sql())
    }

    /// A client's or supplier's link; 404 for any other id.
    func scope(ofParty id: UUID) async throws -> (ReportLinkScope, name: String) {
        guard let party = try await IncidentPartyStore.party(id, on: database.sql()), let kind = party.kind,
            kind.isExternal
        else { throw Refusal.notFound(.party) }
        return (.party(id, kind), party.name)
    }

    /// A new secret for the link (made the first time); the old one stops working.
    func renew(_ scope: ReportLinkScope, name: String?) async throws -> String {
        try require()
        let token = PublicReportActions.newToken()
        let language = try await OrganisationStore.settings(on: database.sql())?.language ?? .fallback
        let serviceName = name ?? wording.text("public.general.reporter", language, [])
        let hash = try await passwords.hash(TokenDigest.newToken(), on: database.eventLoop)
        let (now, key) = (self.now, UUID.random().uuidString.lowercased())
        try await gate.transaction(on: database) { tx in
            try await ReportLinkStore.renew(
                scope, tokenHash: TokenDigest.digest(token), serviceName: serviceName,
                serviceEmail: "report-link-\(key)@riposte.invalid", passwordHash: hash, at: now, on: try tx.sql())
        }
        return token
    }

    /// The ways to report that exist (#18 point 4): anyone signed in reads them.
    func means() async throws -> ReportingMeans {
        try await ReportingMeansStore.means(on: database.sql())
    }

    /// The intake mailbox and the helpdesk's phone the organisation publishes; empty is none.
    func setMeans(mailbox: String?, phone: String?) async throws -> ReportingMeans {
        try require()
        let (address, number) = try FieldError.check { () throws(FieldError) in
            try ReportingMeans.validated(mailbox: mailbox, phone: phone)
        }
        try await gate.transaction(on: database) { tx in
            try await ReportingMeansStore.save(mailbox: address, phone: number, on: try tx.sql())
        }
        return try await means()
    }

    /// Takes the link's secret away: it answers 404 from now; 404 when it had none.
    func revoke(_ scope: ReportLinkScope) async throws {
        try require()
        let revoked = try await gate.transaction(on: database) { tx in
            try await ReportLinkStore.revoke(scope, on: try tx.sql())
        }
        guard revoked else { throw Refusal.notFound(.reportLink) }
    }
}

extension Request {
    var reportLinks: ReportLinkActions {
        get throws {
            ReportLinkActions(
                database: db, gate: application.writeGate, passwords: application.passwordWork,
                actor: try actingPerson, now: now, wording: application.catalogue)
        }
    }
}
