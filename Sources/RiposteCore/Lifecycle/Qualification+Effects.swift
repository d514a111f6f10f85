extension Qualification {
    /// §4.2.3 step 2: a minor incident past its resolution time is a major one. The sweep
    /// decides it, not a person's roles; it is then applied as any re-qualification.
    public static func escalatedToMajor(_ incident: IncidentState) -> Qualification {
        Qualification(
            action: .requalify, previousSeverity: incident.severity, severity: .major, previousType: incident.type,
            type: incident.type ?? "", newStatus: incident.status)
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
