import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// What a visitor without an account does through a report link and a follow-up link (#18
/// point 1): files a report attributed to the link's client or supplier (or the general link),
/// reads where it stands and what handlers published, adds what they learn. A link unknown or
/// revoked is `Abort(.notFound)`, the answer to any unknown page.
struct PublicReportActions: Sendable {
    let database: any Database
    let store: IncidentStore
    let now: Date
    let wording: Catalogue
    /// Whose name e-mails go out in; nil when Riposte sends no e-mail (then no receipt by mail).
    let sender: MessageSender?

    /// The link whose secret is `token`, if it is one in use.
    func link(_ token: String) async throws -> ReportLinkStore.Record {
        guard Self.isWellFormed(token),
            let link = try await ReportLinkStore.active(tokenHash: TokenDigest.digest(token), on: database.sql())
        else { throw Abort(.notFound) }
        return link
    }

    /// Files the report: a `reported` incident on the link's channel, its party named as the
    /// reporter, the helpdesk told, the receipt e-mailed. Returns its number and the follow-up
    /// link's secret, shown once.
    /// `party` names the client or supplier a message came from when the door is not its own
    /// link (the mailbox); `followURL` is nil when Riposte does not know its public address.
    func file(
        _ typed: PublicReport, through link: ReportLinkStore.Record, party named: (id: UUID, name: String)? = nil,
        language: Language, followURL: (String) -> String?
    ) async throws -> (number: String, followToken: String) {
        let now = self.now
        let report = try FieldError.check { () throws(FieldError) in try typed.validated(at: now) }
        let incident = try FieldError.check { () throws(FieldError) in
            try report.incident(channel: link.scope.channel).validated(at: now)
        }
        let reporter = ActingPerson(id: link.serviceUser, name: link.partyName ?? report.name, roles: [])
        let filed = try await store.report(incident, by: reporter, at: now)
        let token = Self.newToken()
        let (mail, url) = (sender.map { ReporterMail(sender: $0, wording: wording) }, followURL(token))
        try await store.mutate(filed.id, expectedVersion: nil, author: link.serviceUser, at: now) { change in
            let sql = try change.database.sql()
            try await PublicReportStore.insert(
                incident: change.incidentID, link: link.id, report, language: language,
                followHash: TokenDigest.digest(token), at: change.at, on: sql)
            var party = named
            if case .party(let id, _) = link.scope { party = (id, link.partyName ?? "") }
            if let party {
                try await IncidentPartyStore.name(party.id, on: change.incidentID, as: .reporter, on: sql)
            }
            try await change.apply(report.effects(party: party?.name))
            if let mail, let reporter = try await PublicReportStore.reporter(of: change.incidentID, on: sql) {
                try await mail.send(
                    .acknowledged, to: reporter, followURL: url, author: link.serviceUser, in: change)
            }
        }
        return (filed.number, token)
    }

    /// What the follow-up page shows.
    struct FollowView: Sendable {
        let number: String
        let title: String
        let reportedAt: Date
        let stage: PublicStage
        let reporterName: String
        /// Published updates and the reporter's own additions, oldest first.
        let timeline: [(at: Date, text: String, mine: Bool)]
    }

    func follow(_ token: String) async throws -> (PublicReportStore.Reporter, FollowView) {
        let sql = try database.sql()
        guard Self.isWellFormed(token),
            let reporter = try await PublicReportStore.following(TokenDigest.digest(token), on: sql),
            let incident = try? await IncidentReader(database: sql).row(reporter.incidentID)
        else { throw Abort(.notFound) }
        let published = try await PublicReportStore.updates(of: incident.id, on: sql).map {
            (at: $0.at, text: $0.body, mine: false)
        }
        let added = try await JournalRow.entries(of: incident.id, kind: .reporterInformation, on: sql).map {
            (at: $0.at, text: $0.text, mine: true)
        }
        let timeline = (published + added).sorted { $0.at < $1.at }
        return (
            reporter,
            FollowView(
                number: incident.number, title: incident.title, reportedAt: incident.reportedAt,
                stage: PublicStage(IncidentStatus(rawValue: incident.status) ?? .reported), reporterName: reporter.name,
                timeline: timeline)
        )
    }

    /// What the reporter adds through their follow-up link, in the journal as their words.
    /// Written by the service account the report was filed by: the visitor has no account.
    func addInformation(_ text: String, to reporter: PublicReportStore.Reporter) async throws {
        let author = try await IncidentReader(database: database.sql()).row(reporter.incidentID).reporterId
        let name = reporter.name
        try await store.mutate(reporter.incidentID, expectedVersion: nil, author: author, at: now) { change in
            let stage = PublicStage(change.incident.state.status)
            let effects = try FieldError.check { () throws(FieldError) in
                try PublicFollowUp.information(text, from: name, stage: stage)
            }
            try await change.apply(effects)
        }
    }

    /// A link's secret: 32 random bytes, URL-safe.
    static func newToken() -> String {
        String(TokenDigest.newToken().dropFirst("rpt_".count))
    }

    private static let urlSafe = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Only what `newToken` makes is looked up: anything else is unknown without a query.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { byte in urlSafe.contains(byte) }
    }
}

extension Request {
    var publicReports: PublicReportActions {
        get async throws {
            PublicReportActions(
                database: db, store: incidents, now: now, wording: application.catalogue,
                sender: try await messageSender())
        }
    }
}
