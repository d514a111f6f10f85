import Foundation
import RiposteCore
import SQLKit

/// Monitoring integrations and the alert keys they opened incidents for (#18 point 2).
package enum IntegrationStore {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        case alertmanager, events
    }

    package struct Record: Sendable {
        package let id: UUID
        package let name: String
        package let kind: Kind
        package let settings: IntegrationSettings
        package let serviceUser: UUID
        package let createdAt: Date
        package let lastReceivedAt: Date?
        package let received: Int
        package let filed: Int
    }

    /// Its counts from its keys: every delivery of an alert counts on its key's row, so that
    /// deliveries at once never wait on one row of the integration's.
    static let columns = """
        id, name, kind, settings, service_user, created_at, \
        (SELECT MAX(last_seen) FROM monitored_alerts WHERE integration_id = integrations.id) AS last_received_at, \
        (SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM monitored_alerts WHERE integration_id = integrations.id) AS received, \
        (SELECT COUNT(incident_id) FROM monitored_alerts WHERE integration_id = integrations.id) AS filed
        """

    package static func all(on sql: any SQLDatabase) async throws -> [Record] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM integrations ORDER BY name").all().map(record)
    }

    package static func find(_ id: UUID, on sql: any SQLDatabase) async throws -> Record? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM integrations WHERE id = \(bind: id)").first().map(record)
    }

    /// The integration whose secret hashes to `tokenHash`, nil for any other.
    package static func authenticated(_ id: UUID, tokenHash: String, on sql: any SQLDatabase) async throws -> Record? {
        try await sql.raw(
            "SELECT \(unsafeRaw: columns) FROM integrations WHERE id = \(bind: id) AND token_hash = \(bind: tokenHash)"
        ).first().map(record)
    }

    /// Files a new integration with its service account (a person who cannot sign in, named
    /// after it, who reports its events); false when the name is taken.
    package static func insert(
        id: UUID, name: String, kind: Kind, settings: IntegrationSettings, tokenHash: String, serviceUser: UUID,
        serviceEmail: String, passwordHash: String, at now: Date, on sql: any SQLDatabase
    ) async throws -> Bool {
        guard try await sql.raw("SELECT id FROM integrations WHERE name = \(bind: name)").first() == nil else {
            return false
        }
        try await PeopleStore.insert(
            id: serviceUser, email: serviceEmail, name: name, hash: passwordHash, language: nil, roles: [], at: now,
            on: sql)
        try await sql.raw("UPDATE users SET disabled_at = \(bind: now) WHERE id = \(bind: serviceUser)").run()
        try await sql.raw(
            """
            INSERT INTO integrations (id, name, kind, token_hash, settings, service_user, created_at) \
            VALUES (\(bind: id), \(bind: name), \(bind: kind.rawValue), \(bind: tokenHash), \(bind: try json(settings)), \
            \(bind: serviceUser), \(bind: now))
            """
        ).run()
        return true
    }

    /// New name and settings, and a new secret when `tokenHash` is given; false when unknown.
    package static func update(
        _ id: UUID, name: String, settings: IntegrationSettings, tokenHash: String?, on sql: any SQLDatabase
    ) async throws -> Bool {
        let secret: SQLQueryString = tokenHash.map { ", token_hash = \(bind: $0)" } ?? ""
        let found =
            try await sql.raw(
                "UPDATE integrations SET name = \(bind: name), settings = \(bind: try json(settings))" + secret
                    + " WHERE id = \(bind: id) RETURNING id"
            ).first() != nil
        if found {
            try await sql.raw(
                "UPDATE users SET name = \(bind: name) WHERE id = (SELECT service_user FROM integrations WHERE id = \(bind: id))"
            ).run()
        }
        return found
    }

    package static func nameTaken(_ name: String, besides id: UUID?, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM integrations WHERE name = \(bind: name)").all()
            .contains { try $0.decode(column: "id", as: UUID.self) != id }
    }

    /// Removes it (its secret stops working); its events stay, reported by its service account.
    package static func delete(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("DELETE FROM integrations WHERE id = \(bind: id) RETURNING id").first() != nil
    }

    // MARK: alert keys

    /// The open key's row and its incident (status and severity), when there is one.
    package struct OpenAlert: Sendable {
        package let id: UUID
        package let incidentID: UUID?
        package let incident: AlertedIncident?
        package let firstSeen: Date
    }

    package static func open(_ integration: UUID, key: String, on sql: any SQLDatabase) async throws -> OpenAlert? {
        guard
            let row = try await sql.raw(
                """
                SELECT monitored_alerts.id AS id, monitored_alerts.incident_id AS incident_id, \
                monitored_alerts.first_seen AS first_seen, \
                incidents.status AS status, incidents.severity AS severity \
                FROM monitored_alerts LEFT JOIN incidents ON incidents.id = monitored_alerts.incident_id \
                WHERE monitored_alerts.integration_id = \(bind: integration) AND monitored_alerts.key = \(bind: key) \
                AND monitored_alerts.open
                """
            ).first()
        else { return nil }
        let status = try row.decode(column: "status", as: String?.self).flatMap(IncidentStatus.init(rawValue:))
        return OpenAlert(
            id: try row.decode(column: "id", as: UUID.self),
            incidentID: try row.decode(column: "incident_id", as: UUID?.self),
            incident: status.map {
                AlertedIncident(
                    status: $0, severity: try? row.decode(column: "severity", as: String?.self).flatMap(Severity.init))
            }, firstSeen: try row.decode(column: "first_seen", as: Date.self))
    }

    /// Claims the key for a new event before it is filed; false when another request (or
    /// instance) holds it open already.
    package static func claim(
        _ id: UUID, integration: UUID, key: String, at now: Date, on sql: any SQLDatabase
    ) async throws -> Bool {
        try await sql.raw(
            """
            INSERT INTO monitored_alerts (id, integration_id, key, open, count, first_seen, last_seen) \
            VALUES (\(bind: id), \(bind: integration), \(bind: key), \(bind: true), 1, \(bind: now), \(bind: now)) \
            ON CONFLICT (integration_id, key) WHERE open DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    package static func attach(_ id: UUID, incident: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE monitored_alerts SET incident_id = \(bind: incident) WHERE id = \(bind: id)").run()
    }

    /// A key no longer open: its incident ended, or filing it failed.
    package static func close(_ id: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE monitored_alerts SET open = \(bind: false) WHERE id = \(bind: id)").run()
    }

    package static func repeated(_ id: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            "UPDATE monitored_alerts SET count = count + 1, last_seen = \(bind: now) WHERE id = \(bind: id)"
        ).run()
    }

    /// How many times the key's alert came, and when last.
    package static func seen(_ id: UUID, on sql: any SQLDatabase) async throws -> (count: Int, last: Date)? {
        guard
            let row = try await sql.raw("SELECT count, last_seen FROM monitored_alerts WHERE id = \(bind: id)").first()
        else { return nil }
        return (try row.decode(column: "count", as: Int.self), try row.decode(column: "last_seen", as: Date.self))
    }

    /// One alert key of an incident: the integration it came through, how many times it came,
    /// first and last, and whether it is still the key's open event.
    package struct IncidentAlert: Sendable {
        package let integration: String?
        package let key: String
        package let count: Int
        package let firstSeen: Date
        package let lastSeen: Date
        package let open: Bool
    }

    /// The alert keys of an incident, oldest first.
    package static func alerts(of incident: UUID, on sql: any SQLDatabase) async throws -> [IncidentAlert] {
        try await sql.raw(
            """
            SELECT integrations.name AS name, monitored_alerts.key AS key, monitored_alerts.count AS count, \
            monitored_alerts.first_seen AS first_seen, monitored_alerts.last_seen AS last_seen, \
            monitored_alerts.open AS open FROM monitored_alerts \
            LEFT JOIN integrations ON integrations.id = monitored_alerts.integration_id \
            WHERE monitored_alerts.incident_id = \(bind: incident) ORDER BY monitored_alerts.first_seen
            """
        ).all().map {
            IncidentAlert(
                integration: try $0.decode(column: "name", as: String?.self),
                key: try $0.decode(column: "key", as: String.self), count: try $0.decode(column: "count", as: Int.self),
                firstSeen: try $0.decode(column: "first_seen", as: Date.self),
                lastSeen: try $0.decode(column: "last_seen", as: Date.self),
                open: try $0.decode(column: "open", as: Bool.self))
        }
    }

    private static func record(_ row: any SQLRow) throws -> Record {
        Record(
            id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
            kind: Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .events,
            settings: try JSONDecoder().decode(
                IntegrationSettings.self, from: Data(try row.decode(column: "settings", as: String.self).utf8)),
            serviceUser: try row.decode(column: "service_user", as: UUID.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            lastReceivedAt: try row.decode(column: "last_received_at", as: Date?.self),
            received: try row.decode(column: "received", as: Int.self),
            filed: try row.decode(column: "filed", as: Int.self))
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
