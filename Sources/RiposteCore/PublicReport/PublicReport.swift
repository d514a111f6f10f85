import Foundation

/// A report typed on the public report page by someone without an account (#18 point 1, §4.2
/// "les clients et fournisseurs peuvent également signaler un incident"): what happened, who
/// they are and how to reach them, when they noticed it.
public struct PublicReport: Sendable, Equatable {
    public var title: String
    public var description: String
    public var name: String
    public var email: String
    public var phone: String?
    public var noticedAt: Date?

    public init(
        title: String, description: String, name: String, email: String, phone: String? = nil,
        noticedAt: Date? = nil
    ) {
        self.title = title
        self.description = description
        self.name = name
        self.email = email
        self.phone = phone
        self.noticedAt = noticedAt
    }

    /// Checks and trims it as filed at `now`: the fields of any report, a name, an address a
    /// receipt can be sent to, a phone number as the directory takes them, a time not to come.
    public func validated(at now: Date) throws(FieldError) -> PublicReport {
        var report = self
        report.title = try TextRule.required(title, field: "title", max: FieldLimits.title)
        report.description = try TextRule.required(description, field: "description", max: FieldLimits.description)
        report.name = try TextRule.required(name, field: "name", max: FieldLimits.name)
        // One line each: the name and the address go into a mail's header.
        if report.title.contains(where: \.isNewline) { throw FieldError(field: "title", problem: .invalid) }
        if report.name.contains(where: \.isNewline) { throw FieldError(field: "name", problem: .invalid) }
        report.email = try CredentialRules.email(email)
        report.phone = try ContactRules.phone(phone, field: "phone")
        if let noticedAt, noticedAt > now.addingTimeInterval(300) {
            throw FieldError(field: "noticedAt", problem: .outOfRange)
        }
        return report
    }

    /// The incident it becomes, reported through `channel`.
    public func incident(channel: ReportChannel) -> IncidentReport {
        IncidentReport(title: title, description: description, channel: channel, detectedAt: noticedAt)
    }

    /// What follows its filing: a journal entry saying who reported it from outside and how to
    /// reach them (the report's words are already the first entry's), and the helpdesk told
    /// (§4.2: it receives every report; the operators and their manager alike).
    public func effects(party: String?) -> IncidentEffects {
        var details = ["name": name, "email": email]
        details["phone"] = phone
        details["party"] = party
        var effects = IncidentEffects.entry(.reportedFromOutside, details: details)
        effects.events = [
            IncidentEffects.Event(
                .reportedFromOutside, severity: nil, note: party ?? name,
                to: [NotificationRecipient(role: .helpdeskOperator), NotificationRecipient(role: .helpdeskManager)])
        ]
        return effects
    }
}

/// Where a report link leads: a client's or supplier's own, or the organisation's general one;
/// or the intake mailbox (#18 point 3), the door e-mails from outside come through.
public enum ReportLinkScope: Sendable, Equatable, Hashable {
    case party(UUID, PartyKind)
    case general
    case mailbox

    /// The channel its reports arrive by.
    public var channel: ReportChannel {
        switch self {
        case .party(_, .supplier): .supplier
        case .party: .client
        case .general: .webPublic
        case .mailbox: .email
        }
    }
}
