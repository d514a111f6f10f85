import Foundation

/// A report as someone files it, before it is in the register.
public struct IncidentReport: Sendable, Equatable {
    public var title: String
    public var description: String
    public var type: String?
    public var channel: ReportChannel
    public var detectedAt: Date?
    public var customersAffected: Bool
    public var impactedActivityIDs: [UUID]
    /// Set to file a drill (#20): numbered in its own series, and what it may reach outside.
    public var exercise: Exercise?

    public init(
        title: String, description: String, type: String? = nil, channel: ReportChannel = .api,
        detectedAt: Date? = nil, customersAffected: Bool = false, impactedActivityIDs: [UUID] = [],
        exercise: Exercise? = nil
    ) {
        self.exercise = exercise
        self.title = title
        self.description = description
        self.type = type
        self.channel = channel
        self.detectedAt = detectedAt
        self.customersAffected = customersAffected
        self.impactedActivityIDs = impactedActivityIDs
    }

    /// The series its number is taken from.
    public var series: IncidentNumber.Series { exercise == nil ? .incident : .exercise }

    /// Checks and normalises a report filed at `now`. Detection cannot lie in the future:
    /// a small allowance absorbs clock skew between the reporter's machine and the server.
    public func validated(at now: Date) throws(FieldError) -> IncidentReport {
        var report = self
        report.title = try TextRule.required(title, field: "title", max: FieldLimits.title)
        report.description = try TextRule.required(description, field: "description", max: FieldLimits.description)
        report.type = try TextRule.optional(type, field: "type", max: FieldLimits.type)
        if let detectedAt, detectedAt > now.addingTimeInterval(300) {
            throw FieldError(field: "detectedAt", problem: .outOfRange)
        }
        if impactedActivityIDs.count > FieldLimits.impactedActivities {
            throw FieldError(field: "impactedActivityIds", problem: .tooLong, limit: FieldLimits.impactedActivities)
        }
        var seen = Set<UUID>()
        report.impactedActivityIDs = impactedActivityIDs.filter { seen.insert($0).inserted }
        return report
    }
}

extension IncidentReport {
    /// Filing the report as incident `number`: its first journal entry, the reporter's own
    /// words as its text, which stay there whatever is corrected later.
    public func effects(number: String) -> IncidentEffects {
        var details = ["number": number, "title": title, "channel": channel.rawValue]
        if let type { details["type"] = type }
        if let exercise {
            details["exercise"] = "true"
            if !exercise.channels.isEmpty { details["exerciseChannels"] = exercise.stored }
        }
        return .entry(.reported, text: description, details: details)
    }
}
