import Foundation

/// The laws that set deadlines for telling an authority about an incident (#17). The GDPR
/// applies to every organisation; NIS2 and DORA to those the organisation says they do.
public enum Regime: String, CaseIterable, Codable, Sendable {
    /// Regulation (EU) 2016/679, articles 33 and 34: personal data breaches.
    case gdpr
    /// Directive (EU) 2022/2555, article 23: significant incidents of essential and important
    /// entities.
    case nis2
    /// Regulation (EU) 2022/2554 and Delegated Regulation (EU) 2025/301: major ICT-related
    /// incidents of financial entities.
    case dora
}

/// Where NIS2 puts the organisation (its article 3).
public enum NIS2Entity: String, CaseIterable, Codable, Sendable {
    case essential
    case important
    case notConcerned = "not_concerned"
}

/// One thing a regime asks to be sent, and when it is counted from.
public enum ObligationStep: String, CaseIterable, Codable, Sendable {
    /// GDPR art. 33: the supervisory authority, within 72 hours of awareness.
    case gdprAuthority = "gdpr_authority"
    /// GDPR art. 34: the people concerned, without undue delay, when the risk to them is high.
    case gdprDataSubjects = "gdpr_data_subjects"
    /// NIS2 art. 23(4)(a): the early warning, within 24 hours of awareness.
    case nis2EarlyWarning = "nis2_early_warning"
    /// NIS2 art. 23(4)(b): the incident notification, within 72 hours of awareness.
    case nis2Notification = "nis2_notification"
    /// NIS2 art. 23(4)(d)–(e): the final report, a month after the notification (or a progress
    /// report then, and the final one a month after the incident is handled).
    case nis2FinalReport = "nis2_final_report"
    /// DORA art. 19: the initial notification, 4 hours after classifying the incident as major
    /// and at most 24 hours after awareness.
    case doraInitial = "dora_initial"
    /// The intermediate report, 72 hours after the initial notification.
    case doraIntermediate = "dora_intermediate"
    /// The final report, a month after the last intermediate report.
    case doraFinal = "dora_final"

    public var regime: Regime {
        switch self {
        case .gdprAuthority, .gdprDataSubjects: .gdpr
        case .nis2EarlyWarning, .nis2Notification, .nis2FinalReport: .nis2
        case .doraInitial, .doraIntermediate, .doraFinal: .dora
        }
    }

    /// Whether what is sent goes to an authority (the draft reports' kinds), not to people.
    public var toAuthority: Bool { self != .gdprDataSubjects }
}
