import Foundation
import RiposteCore
import Vapor

struct ReportIncidentBody: Content {
    let title: String
    let description: String
    let type: String?
    let channel: ReportChannel?
    let detectedAt: Date?
    let customersAffected: Bool?
    let impactedActivityIds: [UUID]?
    /// File a drill (#20); `exerciseChannels` names what outside it may reach.
    let exercise: Bool?
    let exerciseChannels: [ExerciseChannel]?
}

struct QualifyBody: Content {
    let type: String
    let severity: Severity
    let team: String?
    /// The scenario playbook the incident follows from now, if any (#20 point 2).
    let playbookId: UUID?
}

struct TransitionBody: Content {
    let to: IncidentStatus
    let reason: String?
}

struct JournalBody: Content {
    let kind: JournalKind
    let text: String
}

struct ClockBody: Content {
    enum ClockAction: String, Codable {
        case pause
        case resume
    }

    let action: ClockAction
    let reason: String?
}

struct StatusReportBody: Content {
    let situation: String
    let expectedRecoveryAt: Date?
}

struct EscalationBody: Content {
    let note: String
}

struct WarningBody: Content {
    /// The number of the chapter II flow, 1–7.
    let flow: Int
    let message: String
}

struct PlanBody: Content {
    let action: IncidentActions.PlanAction
    /// Why, in a sentence: it goes to the journal with the change.
    let note: String?
}
