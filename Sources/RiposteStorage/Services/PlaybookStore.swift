import Foundation
import RiposteCore
import SQLKit

/// The scenario playbooks (#20 point 2), each one row whose steps, types and links are JSON,
/// and the severities' procedures as the organisation rewrote them (plan settings
/// `checklist.<severity>`; absent: the template's).
package enum PlaybookStore {
    /// A playbook and when it was last written.
    package struct Stored: Sendable {
        package let playbook: Playbook
        package let updatedAt: Date

        package init(playbook: Playbook, updatedAt: Date) {
            self.playbook = playbook
            self.updatedAt = updatedAt
        }
    }

    package static func all(on sql: any SQLDatabase) async throws -> [Stored] {
        try await sql.raw(
            "SELECT id, name, incident_types, steps, documents, contacts, version, updated_at FROM playbooks ORDER BY name"
        ).all().map(stored)
    }

    package static func find(_ id: UUID, on sql: any SQLDatabase) async throws -> Stored? {
        try await sql.raw(
            """
            SELECT id, name, incident_types, steps, documents, contacts, version, updated_at FROM playbooks \
            WHERE id = \(bind: id)
            """
        ).first().map(stored)
    }

    /// Files a new playbook; false when another already has its name.
    package static func insert(
        _ playbook: Playbook, by author: UUID, at now: Date, on sql: any SQLDatabase
    )
        async throws -> Bool
    {
        try await sql.raw(
            """
            INSERT INTO playbooks (id, name, incident_types, steps, documents, contacts, version, updated_at, updated_by) \
            VALUES (\(bind: playbook.id), \(bind: playbook.name), \(bind: try json(playbook.incidentTypes)), \
            \(bind: try json(playbook.steps)), \(bind: try json(playbook.documents)), \(bind: try json(playbook.contacts)), \
            1, \(bind: now), \(bind: author)) ON CONFLICT (name) DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    /// Writes the playbook's new version, one more than the stored one whoever writes at the
    /// same time; nil when there is no such playbook.
    package static func update(
        _ playbook: Playbook, by author: UUID, at now: Date, on sql: any SQLDatabase
    )
        async throws -> Int?
    {
        try await sql.raw(
            """
            UPDATE playbooks SET name = \(bind: playbook.name), incident_types = \(bind: try json(playbook.incidentTypes)), \
            steps = \(bind: try json(playbook.steps)), documents = \(bind: try json(playbook.documents)), \
            contacts = \(bind: try json(playbook.contacts)), version = version + 1, updated_at = \(bind: now), \
            updated_by = \(bind: author) WHERE id = \(bind: playbook.id) RETURNING version
            """
        ).first()?.decode(column: "version", as: Int.self)
    }

    /// Whether a playbook other than `id` is named `name`.
    package static func nameTaken(_ name: String, besides id: UUID?, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM playbooks WHERE name = \(bind: name)").all()
            .contains { try $0.decode(column: "id", as: UUID.self) != id }
    }

    /// Removes a playbook; the incidents that followed it keep its steps. False when unknown.
    package static func delete(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("DELETE FROM playbooks WHERE id = \(bind: id) RETURNING id").first() != nil
    }

    /// Which of these documents and directory parties exist.
    package static func existing(
        documents: [UUID], parties: [UUID], on sql: any SQLDatabase
    ) async throws
        -> (documents: Set<UUID>, parties: Set<UUID>)
    {
        func ids(_ table: String, _ wanted: [UUID]) async throws -> Set<UUID> {
            guard !wanted.isEmpty else { return [] }
            return Set(
                try await sql.raw("SELECT id FROM \(ident: table) WHERE id IN (\(binds: wanted))").all()
                    .map { try $0.decode(column: "id", as: UUID.self) })
        }
        return (try await ids("documents", documents), try await ids("parties", parties))
    }

    // MARK: the severities' procedures

    static let procedurePrefix = "checklist."

    package static func procedures(on sql: any SQLDatabase) async throws -> Procedures {
        var written: [Severity: [ChecklistStep]] = [:]
        for row in try await sql.raw("SELECT key, value FROM plan_settings WHERE key LIKE 'checklist.%'").all() {
            let key = try row.decode(column: "key", as: String.self)
            guard let severity = Severity(rawValue: String(key.dropFirst(procedurePrefix.count))) else { continue }
            written[severity] = try JSONDecoder().decode(
                [ChecklistStep].self, from: Data(try row.decode(column: "value", as: String.self).utf8))
        }
        return Procedures(written: written)
    }

    /// Keeps each severity's procedure as written; the template's as it is is kept as nothing.
    package static func save(_ procedures: [Severity: [ChecklistStep]], on sql: any SQLDatabase) async throws {
        for (severity, steps) in procedures.sorted(by: { $0.key.rank < $1.key.rank }) {
            let value = steps == Checklists.steps(for: severity) ? nil : try json(steps)
            try await PlanSettingRow.put(procedurePrefix + severity.rawValue, value, on: sql)
        }
    }

    private static func stored(_ row: any SQLRow) throws -> Stored {
        func decoded<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
            try JSONDecoder().decode(type, from: Data(try row.decode(column: column, as: String.self).utf8))
        }
        return Stored(
            playbook: Playbook(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                incidentTypes: try decoded("incident_types", as: [String].self),
                steps: try decoded("steps", as: [ChecklistStep].self),
                documents: try decoded("documents", as: [UUID].self),
                contacts: try decoded("contacts", as: [UUID].self),
                version: try row.decode(column: "version", as: Int.self)),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
