import Foundation
import RiposteCore
import Vapor

extension IncidentActions {
    /// Stops the SLA clock (with a reason) or restarts it.
    @discardableResult
    func changeClock(
        _ reference: String, pause: Bool, reason rawReason: String?, expectedVersion: Int?
    )
        async throws -> UUID
    {
        let reason = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(rawReason, field: "reason", max: FieldLimits.reason)
        }
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let clock = try Lifecycle.changeClock(
                change.incident.state, clock: change.incident.slaClock, pause: pause, reason: reason, roles: roles,
                at: change.at
            ).orThrow()
            try await change.apply(clock.effects(paused: pause, reason: reason))
        }.id
    }

    /// The incident manager's periodic report to the crisis manager (§4.2.3 table).
    @discardableResult
    func statusReport(
        _ reference: String, situation rawSituation: String, expectedRecoveryAt: Date?, expectedVersion: Int?
    ) async throws -> UUID {
        let situation = try FieldError.check { () throws(FieldError) in
            try TextRule.required(rawSituation, field: "situation", max: FieldLimits.journalText)
        }
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            try Lifecycle.statusReport(change.incident.state, roles: roles).orThrow()
            if let expected = expectedRecoveryAt,
                expected < (change.incident.detectedAt ?? change.incident.reportedAt)
            {
                throw FieldError(field: "expectedRecoveryAt", problem: .outOfRange)
            }
            let report = StatusReport(situation: situation, expectedRecoveryAt: expectedRecoveryAt)
            try await change.apply(report.effects(on: change.incident.state, facts: try await change.escalationFacts()))
        }.id
    }

    /// The helpdesk escalates the incident to the incident manager, saying why (§4.3).
    @discardableResult
    func escalateToManager(_ reference: String, note rawNote: String, expectedVersion: Int?) async throws -> UUID {
        let note = try FieldError.check { () throws(FieldError) in
            try TextRule.required(rawNote, field: "note", max: FieldLimits.reason)
        }
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            try await change.apply(
                try Lifecycle.escalateToManager(change.incident.state, note: note, roles: roles).orThrow())
        }.id
    }

    enum PlanAction: String, Codable, Sendable, CaseIterable {
        case activate
        case deactivate
        /// The plan manager agrees that the incident be closed (§4.5).
        case agreeToClose = "agree_to_close"
    }

    /// Activates or stands down a plan, or agrees as its manager to close; journalled, and
    /// told along chapter II's flows.
    @discardableResult
    func changePlan(
        _ reference: String, plan: ResponsePlan, action: PlanAction, note rawNote: String?, expectedVersion: Int?
    ) async throws -> UUID {
        let note = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(rawNote, field: "note", max: FieldLimits.reason)
        }
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let state = change.incident.state
            let decision =
                switch action {
                case .activate, .deactivate:
                    try Lifecycle.changePlan(state, plan: plan, activate: action == .activate, roles: roles).orThrow()
                case .agreeToClose:
                    try Lifecycle.agreeToClose(state, plan: plan, roles: roles).orThrow()
                }
            try await change.apply(
                decision.effects(on: state.plans, severity: state.severity, note: note, at: change.at))
        }.id
    }
}
