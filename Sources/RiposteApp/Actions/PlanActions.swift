import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// The plan document (#5): the draft Riposte writes from what it knows, published versions,
/// acknowledgements, and the reminders to look at it again.
struct PlanActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date
    let organisation: OrganisationSettings
    let wording: Catalogue

    struct VersionDTO: Content {
        let number: Int
        let publishedAt: Date
        let publishedBy: String?
        let language: Language
        let content: String?
    }

    struct AcknowledgementsDTO: Content {
        struct Person: Content {
            let id: UUID
            let name: String
            let acknowledgedAt: Date?
        }

        let version: Int?
        let acknowledged: [Person]
        let missing: [Person]
    }

    /// The plan as it would be published now, in `language`.
    func draft(in language: Language) async throws -> String {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw APIError(LifecycleError.forbidden(.viewRegister))
        }
        return PlanDocument.markdown(try await facts(), in: language, wording: wording)
    }

    /// Publishes the next version, in the organisation's language; it is never changed after.
    func publish() async throws -> VersionDTO {
        guard actor.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
        let facts = try await facts()
        let (language, author, now, wording) = (organisation.language, actor, self.now, self.wording)
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let last =
                try await sql.raw("SELECT MAX(number) AS n FROM plan_versions").first()?
                .decode(column: "n", as: Int?.self) ?? 0
            let number = last + 1
            let line = PlanDocument.versionLine(
                number: number, day: now.formatted(.iso8601.year().month().day()), author: author.name, in: language,
                wording: wording)
            let content = PlanDocument.markdown(facts, in: language, wording: wording, versionLine: line)
            // The number is the key: two publications at once cannot both take it.
            try await sql.raw(
                """
                INSERT INTO plan_versions (number, content, language, published_at, published_by) VALUES \
                (\(bind: number), \(bind: content), \(bind: language.rawValue), \(bind: now), \(bind: author.id))
                """
            ).run()
            return VersionDTO(
                number: number, publishedAt: now, publishedBy: author.name, language: language, content: content)
        }
    }

    func versions() async throws -> [VersionDTO] {
        guard actor.can(.report) else { throw APIError(LifecycleError.forbidden(.report)) }
        return try await database.sql().raw(
            """
            SELECT plan_versions.number AS number, plan_versions.published_at AS published_at, \
            plan_versions.language AS language, users.name AS name FROM plan_versions \
            LEFT JOIN users ON users.id = plan_versions.published_by ORDER BY plan_versions.number DESC
            """
        ).all().map { row in
            VersionDTO(
                number: try row.decode(column: "number", as: Int.self),
                publishedAt: try row.decode(column: "published_at", as: Date.self),
                publishedBy: try row.decode(column: "name", as: String?.self),
                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .fallback,
                content: nil)
        }
    }

    /// One version: everyone is to read it (chapter II: all involved know the latest plan),
    /// but its directory of people and contacts only those who may read the directory.
    func version(_ number: Int, directoryNotice: String) async throws -> VersionDTO {
        guard actor.can(.report) else { throw APIError(LifecycleError.forbidden(.report)) }
        guard
            let row = try await database.sql().raw(
                """
                SELECT plan_versions.number AS number, plan_versions.published_at AS published_at, \
                plan_versions.language AS language, plan_versions.content AS content, users.name AS name \
                FROM plan_versions LEFT JOIN users ON users.id = plan_versions.published_by \
                WHERE plan_versions.number = \(bind: number)
                """
            ).first()
        else { throw APIError.notFound("Plan version") }
        return VersionDTO(
            number: number, publishedAt: try row.decode(column: "published_at", as: Date.self),
            publishedBy: try row.decode(column: "name", as: String?.self),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .fallback,
            content: readsDirectory
                ? try row.decode(column: "content", as: String.self)
                : PlanDocument.withoutDirectory(
                    try row.decode(column: "content", as: String.self), notice: directoryNotice))
    }

    /// Who may read the contact directory (`/contacts`) may read it in the plan too.
    private var readsDirectory: Bool { actor.can(.viewRegister) || actor.can(.manageSettings) }

    func latestNumber() async throws -> Int? {
        try await database.sql().raw("SELECT MAX(number) AS n FROM plan_versions").first()?
            .decode(column: "n", as: Int?.self)
    }

    /// The person acknowledges the latest version (again is harmless).
    @discardableResult
    func acknowledge() async throws -> Int {
        guard let latest = try await latestNumber() else { throw APIError.notFound("Plan version") }
        let (user, now) = (actor.id, self.now)
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            guard
                try await sql.raw(
                    "SELECT id FROM plan_acknowledgements WHERE version = \(bind: latest) AND user_id = \(bind: user)"
                ).first() == nil
            else { return }
            try await sql.raw(
                """
                INSERT INTO plan_acknowledgements (id, version, user_id, acknowledged_at) VALUES \
                (\(bind: UUID.random()), \(bind: latest), \(bind: user), \(bind: now))
                """
            ).run()
        }
        return latest
    }

    func hasAcknowledgedLatest() async throws -> (latest: Int?, done: Bool) {
        guard let latest = try await latestNumber() else { return (nil, true) }
        let done =
            try await database.sql().raw(
                "SELECT id FROM plan_acknowledgements WHERE version = \(bind: latest) AND user_id = \(bind: actor.id)"
            ).first() != nil
        return (latest, done)
    }

    /// Who acknowledged the latest version, and who has not yet (administrator).
    func acknowledgements() async throws -> AcknowledgementsDTO {
        guard actor.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
        guard let latest = try await latestNumber() else {
            return AcknowledgementsDTO(version: nil, acknowledged: [], missing: [])
        }
        let rows = try await database.sql().raw(
            """
            SELECT users.id AS id, users.name AS name, plan_acknowledgements.acknowledged_at AS at FROM users \
            LEFT JOIN plan_acknowledgements ON plan_acknowledgements.user_id = users.id \
            AND plan_acknowledgements.version = \(bind: latest) ORDER BY users.name
            """
        ).all().map {
            AcknowledgementsDTO.Person(
                id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                acknowledgedAt: try $0.decode(column: "at", as: Date?.self))
        }
        return AcknowledgementsDTO(
            version: latest, acknowledged: rows.filter { $0.acknowledgedAt != nil },
            missing: rows.filter { $0.acknowledgedAt == nil })
    }

    /// Why the plan should be looked at again now.
    func reminders() async throws -> [PlanReminder] {
        let sql = try database.sql()
        let last = try await sql.raw("SELECT MAX(published_at) AS at FROM plan_versions").first()?
            .decode(column: "at", as: Date?.self)
        var closed = 0
        if let last {
            closed =
                try await sql.raw("SELECT COUNT(*) AS n FROM incidents WHERE closed_at > \(bind: last)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
        return PlanReminder.reasons(lastPublishedAt: last, incidentsClosedSince: closed, now: now)
    }

    private func facts() async throws -> PlanDocument.Facts {
        let sql = try database.sql()
        var holders: [Role: [String]] = [:]
        for row in try await sql.raw(
            "SELECT users.name AS name, role_assignments.role AS role FROM role_assignments JOIN users ON users.id = role_assignments.user_id"
        ).all() {
            if let role = Role(rawValue: try row.decode(column: "role", as: String.self)) {
                holders[role, default: []].append(try row.decode(column: "name", as: String.self))
            }
        }
        let preparation = PreparationActions(database: database, gate: gate, actor: actor, now: now)
        let parties = try await preparation.parties()
        let contacts = parties.flatMap { party in
            party.contacts.map { contact in
                PlanDocument.Facts.Contact(
                    party: party.name, role: party.kind == .role ? Role(rawValue: party.name) : nil, rank: contact.rank,
                    name: contact.name,
                    details: [contact.function, contact.email, contact.phone, contact.mobile].compactMap { $0 }
                        .joined(separator: ", "))
            }
        }
        let activities = try await SettingsStore.activities(on: sql).map { (name: $0.name, rto: $0.rto) }
        let documents: [(kind: DocumentKind, title: String, version: String?)] = try await sql.raw(
            "SELECT kind, title, version FROM documents ORDER BY kind, title"
        ).all().map {
            (
                DocumentKind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .other,
                try $0.decode(column: "title", as: String.self), try $0.decode(column: "version", as: String?.self)
            )
        }
        return PlanDocument.Facts(
            organisation: organisation.name, holders: holders, contacts: contacts,
            sla: try await SettingsStore(database: database, gate: gate).sla(), activities: activities,
            documents: documents)
    }
}

extension Request {
    var plan: PlanActions {
        get throws {
            PlanActions(
                database: db, gate: application.writeGate, actor: try actingPerson, now: now,
                organisation: organisation,
                wording: application.catalogue)
        }
    }
}
