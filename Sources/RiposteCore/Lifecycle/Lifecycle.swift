import Foundation

/// The incident lifecycle: the one function that says whether a command is allowed,
/// and what it changes. The app persists what it returns and nothing else.
public enum Lifecycle {
    /// The legal edges, each with the permission it needs.
    public static let edges: [IncidentStatus: [IncidentStatus: Permission]] = [
        .reported: [.rejected: .reject],
        .qualified: [.inTreatment: .startTreatment, .rejected: .reject],
        // §4.4: eradication may be skipped when the root cause is not known yet.
        .inTreatment: [.eradication: .startEradication, .resolved: .resolve],
        .eradication: [.resolved: .resolve],
        .resolved: [.closed: .close, .inTreatment: .reopen],
        .closed: [.reviewed: .review],
    ]

    /// Transitions that must carry a reason in the journal.
    static let reasonRequired: Set<Permission> = [.reject, .reopen]

    /// Judges a status change requested by someone holding `roles`.
    public static func transition(
        _ incident: IncidentState, to target: IncidentStatus, reason: String?, roles: Set<Role>
    ) -> Result<StatusChange, LifecycleError> {
        if target == .qualified { return .failure(.qualifyInstead) }
        guard let action = edges[incident.status]?[target] else {
            return .failure(.illegalTransition(from: incident.status, to: target))
        }
        guard PermissionMatrix.allows(roles, action, severity: incident.severity) else {
            return .failure(.forbidden(action))
        }
        if action == .review, !incident.reviewComplete { return .failure(.reviewIncomplete) }
        if action == .close, !incident.plans.agreementsMissing.isEmpty {
            return .failure(.planAgreementRequired(incident.plans.agreementsMissing))
        }
        if action == .close, incident.plans.isActive(.irp) { return .failure(.irpStillActive) }
        let trimmedReason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reasonRequired.contains(action), trimmedReason.isEmpty {
            return .failure(.reasonRequired)
        }
        return .success(
            StatusChange(
                from: incident.status, to: target, action: action,
                reason: trimmedReason.isEmpty ? nil : trimmedReason))
    }

    /// Judges a qualification (first one, or a re-qualification).
    public static func qualify(
        _ incident: IncidentState, type: String, severity: Severity, roles: Set<Role>
    ) -> Result<Qualification, LifecycleError> {
        let action: Permission
        switch qualificationAllowed(incident, severity: severity, roles: roles) {
        case .success(let allowed): action = allowed
        case .failure(let error): return .failure(error)
        }
        if action == .requalify, incident.severity == severity, incident.type == type {
            return .failure(.unchanged)
        }
        return .success(
            Qualification(
                action: action, previousSeverity: incident.severity, severity: severity,
                previousType: incident.type, type: type,
                newStatus: incident.status == .reported ? .qualified : incident.status))
    }

    /// Following a playbook on an incident already qualified, its type and severity unchanged
    /// (#20 point 2): whoever may re-qualify it at its severity.
    public static func followPlaybook(_ incident: IncidentState, roles: Set<Role>) -> Result<Void, LifecycleError> {
        guard let severity = incident.severity else { return .failure(.cannotQualify(incident.status)) }
        return qualificationAllowed(incident, severity: severity, roles: roles).map { _ in () }
    }

    /// Whether `roles` may set `severity` on the incident now, and the permission it takes.
    /// The severity that matters for a scoped permission is the higher of the two: first-line
    /// staff may neither lift an incident above their reach nor lower one that is above it.
    static func qualificationAllowed(
        _ incident: IncidentState, severity: Severity, roles: Set<Role>
    ) -> Result<Permission, LifecycleError> {
        let action: Permission
        switch incident.status {
        case .reported: action = .qualify
        case .qualified, .inTreatment, .eradication: action = .requalify
        default: return .failure(.cannotQualify(incident.status))
        }
        let reach = max(incident.severity ?? .low, severity)
        guard PermissionMatrix.allows(roles, action, severity: action == .qualify ? nil : reach) else {
            return .failure(.forbidden(action))
        }
        return .success(action)
    }

    /// Judges writing the post-incident review (§4.6): the incident team, once the incident
    /// is closed; a reviewed incident's review is kept as it was.
    public static func writeReview(_ incident: IncidentState, roles: Set<Role>) -> Result<Void, LifecycleError> {
        guard PermissionMatrix.allows(roles, .review, severity: incident.severity) else {
            return .failure(.forbidden(.review))
        }
        guard incident.status == .closed else {
            return .failure(
                incident.status == .reviewed
                    ? .incidentFinished(.reviewed) : .illegalTransition(from: incident.status, to: .reviewed))
        }
        return .success(())
    }

    /// Judges logging a communication about the incident.
    public static func recordCommunication(_ incident: IncidentState, roles: Set<Role>) -> Result<Void, LifecycleError>
    {
        guard PermissionMatrix.allows(roles, .recordCommunication, severity: incident.severity) else {
            return .failure(.forbidden(.recordCommunication))
        }
        guard incident.status != .reviewed, incident.status != .rejected else {
            return .failure(.incidentFinished(incident.status))
        }
        return .success(())
    }

    /// Judges naming a client or supplier on the incident (who reported it, who is affected):
    /// recording a fact of the incident, like an action taken, while its register is open.
    public static func nameParty(_ incident: IncidentState, roles: Set<Role>) -> Result<Void, LifecycleError> {
        guard PermissionMatrix.allows(roles, .recordAction, severity: incident.severity) else {
            return .failure(.forbidden(.recordAction))
        }
        guard incident.status != .reviewed, incident.status != .rejected else {
            return .failure(.incidentFinished(incident.status))
        }
        return .success(())
    }

    /// Judges a journal entry written by hand (an action taken or a note).
    public static func addEntry(
        _ incident: IncidentState, kind: JournalKind, roles: Set<Role>
    ) -> Result<Permission, LifecycleError> {
        let action: Permission = kind == .action ? .recordAction : .addNote
        guard kind == .action || kind == .note else { return .failure(.forbidden(action)) }
        guard PermissionMatrix.allows(roles, action, severity: incident.severity) else {
            return .failure(.forbidden(action))
        }
        // The register stays open for notes until the review is done; after it, nothing.
        guard incident.status != .reviewed, incident.status != .rejected else {
            return .failure(.incidentFinished(incident.status))
        }
        return .success(action)
    }

    /// Judges ticking a checklist step.
    public static func completeStep(
        _ incident: IncidentState, alreadyDone: Bool, roles: Set<Role>
    ) -> Result<Void, LifecycleError> {
        guard PermissionMatrix.allows(roles, .completeChecklistStep, severity: incident.severity) else {
            return .failure(.forbidden(.completeChecklistStep))
        }
        guard incident.status.isOpen else { return .failure(.incidentFinished(incident.status)) }
        if alreadyDone { return .failure(.stepAlreadyDone) }
        return .success(())
    }
}

/// An accepted status change.
public struct StatusChange: Sendable, Equatable {
    public let from: IncidentStatus
    public let to: IncidentStatus
    public let action: Permission
    public let reason: String?
}

/// An accepted (re-)qualification.
public struct Qualification: Sendable, Equatable {
    public let action: Permission
    public let previousSeverity: Severity?
    public let severity: Severity
    public let previousType: String?
    public let type: String
    public let newStatus: IncidentStatus

    /// A new severity means a new procedure, so a new checklist (§4.2.1–§4.2.4).
    public var severityChanged: Bool { previousSeverity != severity }
}
