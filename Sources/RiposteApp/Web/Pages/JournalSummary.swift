import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// One line saying what a journal entry recorded, in the reader's language, from its details.
enum JournalSummary {
    static func text(_ entry: JournalRow, _ req: Request) -> String {
        let details = (try? JSONDecoder().decode([String: String].self, from: Data(entry.details.utf8))) ?? [:]
        func name(_ prefix: String, _ key: String) -> String {
            details[key].map { req.t("\(prefix).\($0)") } ?? ""
        }
        switch JournalKind(rawValue: entry.kind) {
        case .qualified, .requalified:
            return req.t("journal.summary.qualified", name("severity", "severity"), details["type"] ?? "")
        case .statusChanged:
            return req.t("journal.summary.moved", name("status", "from"), name("status", "to"))
        case .checklistStepDone:
            let step = details["step"].flatMap(Checklists.step(forKey:))
            return step.map { req.t($0.textKey) } ?? ""
        case .planActivated, .planDeactivated, .planCloseAgreed, .planInvoked, .planDeclined:
            return (details["plan"] ?? "").uppercased()
        case .planWarned:
            return req.t("journal.summary.warned", details["flow"] ?? "", (details["plan"] ?? "").uppercased())
        case .escalated:
            return details["kind"].map { req.t("escalation.\($0)") } ?? ""
        case .statusReport:
            return details["expectedRecoveryAt"].flatMap(RFC3339.parse).map {
                req.t("journal.summary.expected", req.display($0))
            } ?? ""
        default:
            return ""
        }
    }
}
