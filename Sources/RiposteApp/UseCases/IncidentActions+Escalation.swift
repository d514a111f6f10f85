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
        /// Warned of it or invoked, the plan's manager decides not to activate it; the note
        /// says why.
        case decline
    }

    /// Activates, stands down or declines a plan, or agrees as its manager to close;
    /// journalled, and told to the incident manager and the plan's team.
    @discardableResult
    func changePlan(
        _ reference: String, plan: ResponsePlan, action: PlanAction, note rawNote: String?, expectedVersion: Int?
    ) async throws -> UUID {
        // Declining says why (§4.2.4: the crisis manager decides, and the incident manager must
        // know on what grounds).
        let note = try FieldError.check { () throws(FieldError) in
            action == .decline
                ? try TextRule.required(rawNote ?? "", field: "note", max: FieldLimits.reason)
                : try TextRule.optional(rawNote, field: "note", max: FieldLimits.reason)
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
                case .decline:
                    try Lifecycle.declinePlan(state, plan: plan, reason: note, roles: roles).orThrow()
                }
            try await change.apply(
                decision.effects(on: state.plans, severity: state.severity, note: note, at: change.at))
        }.id
    }
}

extension IncidentActions {
    /// A warning along flow `flow` of chapter II, with a message for the receiving plan's
    /// manager (#15 point 3).
    @discardableResult
    func warn(_ reference: String, flow: Int?, message rawMessage: String, expectedVersion: Int?) async throws -> UUID {
        let message = try FieldError.check { () throws(FieldError) in
            guard let flow, (1...7).contains(flow) else { throw FieldError(field: "flow", problem: .outOfRange) }
            return try TextRule.required(rawMessage, field: "message", max: FieldLimits.reason)
        }
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let state = change.incident.state
            let warning = try Lifecycle.warn(state, flow: flow ?? 0, message: message, roles: roles).orThrow()
            try await change.apply(warning.effects(on: state.plans, severity: state.severity, at: change.at))
        }.id
    }
}
