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

    /// Every playbook, by name. Links to a document or a party deleted since are left out: a
    /// playbook read and sent back is accepted as it is.
    package static func all(on sql: any SQLDatabase) async throws -> [Stored] {
        let rows = try await sql.raw(
            "SELECT id, name, incident_types, steps, documents, contacts, version, updated_at FROM playbooks ORDER BY name"
        ).all()
        return try await linked(try rows.map(stored), on: sql)
    }

    package static func find(_ id: UUID, on sql: any SQLDatabase) async throws -> Stored? {
        let row = try await sql.raw(
            """
            SELECT id, name, incident_types, steps, documents, contacts, version, updated_at FROM playbooks \
            WHERE id = \(bind: id)
            """
        ).first()
        guard let row else { return nil }
        return try await linked([try stored(row)], on: sql).first
    }

    private static func linked(_ playbooks: [Stored], on sql: any SQLDatabase) async throws -> [Stored] {
        let found = try await existing(
            documents: playbooks.flatMap(\.playbook.documents), parties: playbooks.flatMap(\.playbook.contacts), on: sql
        )
        return playbooks.map { stored in
            var playbook = stored.playbook
            playbook.documents = playbook.documents.filter(found.documents.contains)
            playbook.contacts = playbook.contacts.filter(found.parties.contains)
            return Stored(playbook: playbook, updatedAt: stored.updatedAt)
        }
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
    /// same time; when `expected` is given, only over that version, in the same statement (two
    /// writers of one version: one lands). Nil when nothing was written.
    package static func update(
        _ playbook: Playbook, over expected: Int?, by author: UUID, at now: Date, on sql: any SQLDatabase
    ) async throws -> Int? {
        let set: SQLQueryString = """
            UPDATE playbooks SET name = \(bind: playbook.name), incident_types = \(bind: try json(playbook.incidentTypes)), \
            steps = \(bind: try json(playbook.steps)), documents = \(bind: try json(playbook.documents)), \
            contacts = \(bind: try json(playbook.contacts)), version = version + 1, updated_at = \(bind: now), \
            updated_by = \(bind: author) WHERE id = \(bind: playbook.id)
            """
        let condition: SQLQueryString = expected.map { " AND version = \(bind: $0)" } ?? ""
        return try await sql.raw(set + condition + " RETURNING version").first()?.decode(
            column: "version", as: Int.self)
    }

    /// The playbooks' names and the types they are proposed for, without their steps.
    package static func names(on sql: any SQLDatabase) async throws -> [Playbook] {
        try await sql.raw("SELECT id, name, incident_types FROM playbooks ORDER BY name").all().map { row in
            Playbook(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                incidentTypes: try JSONDecoder().decode(
                    [String].self, from: Data(try row.decode(column: "incident_types", as: String.self).utf8)),
                steps: [])
        }
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
