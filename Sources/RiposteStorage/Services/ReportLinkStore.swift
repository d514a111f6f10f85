import Foundation
import RiposteCore
import SQLKit

/// The report links of the directory's clients and suppliers and the organisation's general
/// one (#18 point 1): each has one row, made the first time, its secret renewed or taken away
/// (revoked) afterwards; its reports are filed by the row's service account whatever happens
/// to the secret.
package enum ReportLinkStore {
    package struct Record: Sendable {
        package let id: UUID
        package let scope: ReportLinkScope
        package let partyName: String?
        package let serviceUser: UUID
        package let active: Bool
        package let renewedAt: Date
    }

    private static let columns = """
        report_links.id AS id, report_links.scope AS scope, report_links.party_id AS party_id, report_links.token_hash AS token_hash, \
        report_links.service_user AS service_user, report_links.renewed_at AS renewed_at, \
        parties.kind AS party_kind, parties.name AS party_name
        """

    private static let joined = "report_links LEFT JOIN parties ON parties.id = report_links.party_id"

    static func scopeKey(_ scope: ReportLinkScope) -> String {
        switch scope {
        case .party(let id, _): id.uuidString.lowercased()
        case .general: "general"
        case .mailbox: "mail"
        }
    }

    /// The link whose secret hashes to `tokenHash`, nil for one unknown or revoked.
    package static func active(tokenHash: String, on sql: any SQLDatabase) async throws -> Record? {
        try await sql.raw(
            "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: joined) WHERE token_hash = \(bind: tokenHash)"
        )
        .first().flatMap(record)
    }

    /// Every link made, with or without its secret (the mailbox, which has none, left out).
    package static func all(on sql: any SQLDatabase) async throws -> [Record] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: joined) WHERE scope <> 'mail'").all()
            .compactMap(record)
    }

    package static func find(_ scope: ReportLinkScope, on sql: any SQLDatabase) async throws -> Record? {
        try await sql.raw(
            "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: joined) WHERE scope = \(bind: scopeKey(scope))"
        ).first().flatMap(record)
    }

    /// Gives the scope's link the secret hashing to `tokenHash`: the row is made the first time,
    /// with its service account (a person who cannot sign in, named `serviceName`).
    package static func renew(
        _ scope: ReportLinkScope, tokenHash: String, serviceName: String, serviceEmail: String,
        passwordHash: String, at now: Date, on sql: any SQLDatabase
    ) async throws {
        let link = try await ensure(
            scope, serviceName: serviceName, serviceEmail: serviceEmail, passwordHash: passwordHash, at: now, on: sql)
        try await sql.raw(
            """
            UPDATE report_links SET token_hash = \(bind: tokenHash), renewed_at = \(bind: now) \
            WHERE id = \(bind: link.id)
            """
        ).run()
        try await sql.raw("UPDATE users SET name = \(bind: serviceName) WHERE id = \(bind: link.serviceUser)").run()
    }

    /// The scope's row, made without a secret the first time (the mailbox never has one).
    package static func ensure(
        _ scope: ReportLinkScope, serviceName: String, serviceEmail: String, passwordHash: String, at now: Date,
        on sql: any SQLDatabase
    ) async throws -> Record {
        if let existing = try await find(scope, on: sql) { return existing }
        let user = UUID.random()
        try await PeopleStore.insert(
            id: user, email: serviceEmail, name: serviceName, hash: passwordHash, language: nil, roles: [], at: now,
            on: sql)
        try await sql.raw("UPDATE users SET disabled_at = \(bind: now) WHERE id = \(bind: user)").run()
        var partyID: UUID?
        if case .party(let id, _) = scope { partyID = id }
        try await sql.raw(
            """
            INSERT INTO report_links (id, scope, party_id, token_hash, service_user, created_at, renewed_at) \
            VALUES (\(bind: UUID.random()), \(bind: scopeKey(scope)), \(bind: partyID), NULL, \(bind: user), \
            \(bind: now), \(bind: now))
            """
        ).run()
        guard let made = try await find(scope, on: sql) else { throw StorageFault.rowLost }
        return made
    }

    /// Takes the secret away: the link answers as any unknown page; false when there was none.
    package static func revoke(_ scope: ReportLinkScope, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE report_links SET token_hash = NULL WHERE scope = \(bind: scopeKey(scope)) \
            AND token_hash IS NOT NULL RETURNING id
            """
        ).first() != nil
    }

    private static func record(_ row: any SQLRow) throws -> Record? {
        let scope: ReportLinkScope
        let key = try row.decode(column: "scope", as: String.self)
        if key == "mail" {
            scope = .mailbox
        } else if key != "general", try row.decode(column: "party_id", as: UUID?.self) == nil {
            // Its party was deleted: the link works no more and is not listed.
            return nil
        } else if let party = try row.decode(column: "party_id", as: UUID?.self) {
            // A party no longer a client or supplier has no link.
            guard let raw = try row.decode(column: "party_kind", as: String?.self), let kind = PartyKind(rawValue: raw),
                kind.isExternal
            else { return nil }
            scope = .party(party, kind)
        } else {
            scope = .general
        }
        return Record(
            id: try row.decode(column: "id", as: UUID.self), scope: scope,
            partyName: try row.decode(column: "party_name", as: String?.self),
            serviceUser: try row.decode(column: "service_user", as: UUID.self),
            active: try row.decode(column: "token_hash", as: String?.self) != nil,
            renewedAt: try row.decode(column: "renewed_at", as: Date.self))
    }
}
