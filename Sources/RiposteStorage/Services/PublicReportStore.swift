import Foundation
import RiposteCore
import SQLKit

/// Who reported an incident from outside and their follow-up link (#18 point 1), and the
/// updates handlers published for them.
package enum PublicReportStore {
    package struct Reporter: Sendable {
        package let incidentID: UUID
        package let name: String
        package let email: String
        package let phone: String?
        package let language: Language
        package let toldResolvedAt: Date?
        /// Reported through a client's or supplier's own link (not the general one).
        package let viaParty: Bool
    }

    package struct Update: Sendable {
        package let id: UUID
        package let body: String
        package let at: Date
    }

    private static let columns = """
        incident_id, name, email, phone, language, told_resolved_at, \
        (SELECT party_id FROM report_links WHERE report_links.id = public_reports.link_id) AS party_id
        """

    package static func insert(
        incident: UUID, link: UUID, _ report: PublicReport, language: Language, followHash: String,
        at now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO public_reports (incident_id, link_id, name, email, phone, language, follow_hash, \
            created_at) VALUES (\(bind: incident), \(bind: link), \(bind: report.name), \(bind: report.email), \
            \(bind: report.phone), \(bind: language.rawValue), \(bind: followHash), \(bind: now))
            """
        ).run()
    }

    /// The report whose follow-up link hashes to `followHash`.
    package static func following(_ followHash: String, on sql: any SQLDatabase) async throws -> Reporter? {
        try await sql.raw(
            "SELECT \(unsafeRaw: columns) FROM public_reports WHERE follow_hash = \(bind: followHash)"
        ).first().map(reporter)
    }

    /// Who reported this incident from outside, if someone did.
    package static func reporter(of incident: UUID, on sql: any SQLDatabase) async throws -> Reporter? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM public_reports WHERE incident_id = \(bind: incident)")
            .first().map(reporter)
    }

    /// Marks the reporter told of the resolution; false when they already were (a reopened
    /// incident resolved again is not told twice).
    package static func toldResolved(_ incident: UUID, at now: Date, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE public_reports SET told_resolved_at = \(bind: now) WHERE incident_id = \(bind: incident) \
            AND told_resolved_at IS NULL RETURNING incident_id
            """
        ).first() != nil
    }

    package static func publish(
        _ id: UUID, on incident: UUID, body: String, author: UUID, at now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO public_updates (id, incident_id, body, author_id, created_at) VALUES \
            (\(bind: id), \(bind: incident), \(bind: body), \(bind: author), \(bind: now))
            """
        ).run()
    }

    /// The updates published on the incident, oldest first.
    package static func updates(of incident: UUID, on sql: any SQLDatabase) async throws -> [Update] {
        try await sql.raw(
            """
            SELECT id, body, created_at FROM public_updates WHERE incident_id = \(bind: incident) \
            ORDER BY created_at, id
            """
        ).all().map {
            Update(
                id: try $0.decode(column: "id", as: UUID.self), body: try $0.decode(column: "body", as: String.self),
                at: try $0.decode(column: "created_at", as: Date.self))
        }
    }

    private static func reporter(_ row: any SQLRow) throws -> Reporter {
        Reporter(
            incidentID: try row.decode(column: "incident_id", as: UUID.self),
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            phone: try row.decode(column: "phone", as: String?.self),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .fallback,
            toldResolvedAt: try row.decode(column: "told_resolved_at", as: Date?.self),
            viaParty: try row.decode(column: "party_id", as: UUID?.self) != nil)
    }
}
