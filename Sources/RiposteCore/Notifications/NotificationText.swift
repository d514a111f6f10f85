import Foundation

/// What a notification says: e-mail subject and body, the in-app list and the chat webhooks
/// all say the same thing, in the reader's language, with the words of the catalogues
/// (`notification.…`).
public enum NotificationText {
    public static func subject(_ event: NotificationEvent, in language: Language, wording: some Wording) -> String {
        exerciseMark(event, in: language, wording: wording) + "[\(event.incidentNumber)] "
            + headline(event, in: language, wording: wording)
    }

    /// "[EXERCICE] " before a drill's subject and headline, so that no one takes it for real.
    public static func exerciseMark(_ event: NotificationEvent, in language: Language, wording: some Wording) -> String
    {
        event.exercise == nil ? "" : "[" + wording.text("notification.exercise", language, []) + "] "
    }

    /// The message: what happened, why the reader gets it, and the incident's title.
    public static func body(
        _ event: NotificationEvent, for recipient: NotificationRecipient?, in language: Language,
        wording: some Wording
    ) -> String {
        func t(_ key: String) -> String { wording.text(key, language, []) }
        var lines = [
            exerciseMark(event, in: language, wording: wording) + headline(event, in: language, wording: wording), "",
            "\(event.incidentNumber) — \(event.incidentTitle)",
        ]
        if let severity = event.severity {
            lines.append(t("notification.severityLabel") + ": " + t(severityKey(severity)))
        }
        if let dueAt = event.dueAt {
            let style = Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt)
                .year().month().day().time(includingFractionalSeconds: false)
            lines.append(t("notification.dueAt") + ": " + dueAt.formatted(style) + " UTC")
            // DORA: when a deadline will be missed, the authority is told before it passes.
            if event.kind == .obligationReminder, event.escalation?.hasPrefix("dora_") == true {
                lines.append(t("notification.obligation.doraLate"))
            }
        }
        if let note = event.note, !note.isEmpty { lines += ["", note, ""] }
        if let recipient {
            var reason = t("notification.addressedTo") + ": " + t(roleKey(recipient.role))
            if let flow = recipient.flow { reason += " (" + t("notification.flow") + " \(flow))" }
            lines.append(reason)
        }
        return lines.joined(separator: "\n")
    }

    static func headline(_ event: NotificationEvent, in language: Language, wording: some Wording) -> String {
        let (key, arguments) = headlineKey(event)
        return wording.text(
            key, language, arguments.map { severityKeys.contains($0) ? wording.text($0, language, []) : $0 })
    }

    private static let severityKeys = Set(
        Severity.allCases.map(severityKey) + ObligationStep.allCases.map { obligationKey($0.rawValue) })

    /// The headline's catalogue key and its arguments.
    static func headlineKey(_ event: NotificationEvent) -> (key: String, arguments: [String]) {
        let plan = event.plan?.rawValue.uppercased() ?? ""
        switch event.kind {
        case .escalated:
            let kind = event.escalation.flatMap(Escalation.Kind.init(rawValue:))
            return (kind.map { "notification.escalation.\($0.rawValue)" } ?? "notification.escalation", [])
        case .planActivated: return ("notification.plan.activated", [plan])
        case .planDeactivated: return ("notification.plan.deactivated", [plan])
        case .planCloseAgreed: return ("notification.plan.closeAgreed", [plan])
        case .planWarned: return ("notification.plan.warned", [plan])
        case .planDeclined: return ("notification.plan.declined", [plan])
        case .qualified: return ("notification.qualified", [event.severity.map(severityKey) ?? ""])
        case .downgraded: return ("notification.downgraded", [event.severity.map(severityKey) ?? ""])
        case .escalatedToManager: return ("notification.escalatedToManager", [])
        case .statusReport: return ("notification.statusReport", [])
        case .assigned: return ("notification.assigned", [])
        case .memberAdded: return ("notification.memberAdded", [])
        case .reviewCompleted: return ("notification.reviewCompleted", [])
        case .reportedFromOutside: return ("notification.reportedFromOutside", [])
        case .breachAssessed:
            return (event.escalation == "high" ? "notification.breachAssessed.high" : "notification.breachAssessed", [])
        case .obligationReminder: return ("notification.obligation.reminder", [obligationKey(event.escalation)])
        case .obligationOverdue: return ("notification.obligation.overdue", [obligationKey(event.escalation)])
        }
    }

    /// The step's name, as a key the headline's argument is worded from.
    static func obligationKey(_ step: String?) -> String { "notification.step.\(step ?? "")" }

    public static func severityKey(_ severity: Severity) -> String { "notification.severity.\(severity.rawValue)" }

    public static func roleKey(_ role: Role) -> String { "notification.role.\(role.rawValue)" }

    /// Every catalogue key the notifications use.
    public static var textKeys: [String] {
        [
            "notification.escalation", "notification.plan.activated", "notification.plan.deactivated",
            "notification.plan.closeAgreed", "notification.plan.warned", "notification.plan.declined",
            "notification.severityLabel", "notification.addressedTo",
            "notification.flow", "notification.qualified", "notification.downgraded",
            "notification.escalatedToManager", "notification.statusReport", "notification.assigned",
            "notification.memberAdded", "notification.reviewCompleted", "notification.breachAssessed",
            "notification.breachAssessed.high", "notification.obligation.reminder", "notification.obligation.overdue",
            "notification.dueAt", "notification.obligation.doraLate", "notification.exercise",
            "notification.reportedFromOutside",
        ]
            + ObligationStep.allCases.map { obligationKey($0.rawValue) }
            + Escalation.Kind.allCases.map { "notification.escalation.\($0.rawValue)" }
            + Severity.allCases.map(severityKey) + Role.allCases.map(roleKey)
    }
}
