extension Qualification {
    /// §4.2.3 step 2: a minor incident past its resolution time is a major one. The sweep
    /// decides it, not a person's roles; it is then applied as any re-qualification.
    public static func escalatedToMajor(_ incident: IncidentState) -> Qualification {
        Qualification(
            action: .requalify, previousSeverity: incident.severity, severity: .major, previousType: incident.type,
            type: incident.type ?? "", newStatus: incident.status)
    }

    /// Who is told of a person's qualification (§4.2, §4.2.4, §3.1): the incident manager of a
    /// major incident; the crisis manager and the incident manager of a crisis; the helpdesk
    /// manager of what a helpdesk operator qualified minor or above; on a downgrade, those
    /// who were told of the incident's earlier qualifications (`previouslyTold`, as their
    /// journal entries recorded them; by default those the higher severity calls). A change
    /// of type alone tells no one.
    public func alerts(by roles: Set<Role>, previouslyTold: [Role]? = nil) -> [IncidentEffects.Event] {
        guard action == .qualify || severityChanged else { return [] }
        let downgraded = previousSeverity.map { severity < $0 } ?? false
        var told = Self.toldOf(severity)
        if roles.contains(.helpdeskOperator), severity >= .minor { told.append(.helpdeskManager) }
        if downgraded, let previousSeverity { told += previouslyTold ?? Self.toldOf(previousSeverity) }
        var seen = Set<Role>()
        let recipients = told.filter { seen.insert($0).inserted }.map { NotificationRecipient(role: $0) }
        guard !recipients.isEmpty else { return [] }
        return [.init(downgraded ? .downgraded : .qualified, severity: severity, to: recipients)]
    }

    /// The roles a severity calls (§4.2.3 for a major incident, §4.2.4 for a crisis).
    static func toldOf(_ severity: Severity) -> [Role] {
        switch severity {
        case .crisis: [.crisisManager, .incidentManager]
        case .major: [.incidentManager]
        case .minor, .low: []
        }
    }

    /// The journal entry that records the qualification: its kind and details.
    public func journalEntry(
        team: String? = nil, reason: String? = nil
    ) -> (kind: JournalKind, details: [String: String]) {
        var details = ["type": type, "severity": severity.rawValue]
        if let previousSeverity { details["previousSeverity"] = previousSeverity.rawValue }
        if let previousType { details["previousType"] = previousType }
        if let team { details["team"] = team }
        if let reason { details["reason"] = reason }
        return (action == .qualify ? .qualified : .requalified, details)
    }
}
