import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// How a person is reached (#15 point 7): away until a date (their role's alerts go to the
/// backup meanwhile), and the kinds of event they take in-app only. Alerts that must be
/// acknowledged are never muted. The API and the account page call it alike.
struct ReachabilityActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date

    func current() async throws -> PeopleStore.Reachability {
        let stored = try await PeopleStore.reachability(of: actor.id, on: database.sql())
        // A past absence is over: it reads as none.
        let away = stored.awayUntil.flatMap { Acknowledgement.isAway(until: $0, at: now) ? $0 : nil }
        return PeopleStore.Reachability(awayUntil: away, emailOff: stored.emailOff)
    }

    /// An absence ends in the future and within a year; nil ends it now.
    @discardableResult
    func setAway(until raw: Date?) async throws -> Date? {
        let until = try FieldError.check { () throws(FieldError) in try AvailabilityRule.check(raw, at: now) }
        let id = actor.id
        try await gate.transaction(on: database) { tx in
            try await PeopleStore.setAway(until: until, of: id, on: tx.sql())
        }
        return until
    }

    func setEmailOff(_ kinds: Set<NotificationEventKind>) async throws {
        let id = actor.id
        try await gate.transaction(on: database) { tx in try await PeopleStore.setEmailOff(kinds, of: id, on: tx.sql())
        }
    }
}

extension Request {
    var reachability: ReachabilityActions {
        get throws {
            ReachabilityActions(database: db, gate: application.writeGate, actor: try actingPerson, now: now)
        }
    }
}
