import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// One line saying what a journal entry recorded, in the reader's language, from its details.
enum JournalSummary {
    /// `activities` names the essential activities an edit of the impacted ones mentions.
    static func text(_ entry: JournalRow, _ req: Request, activities: [UUID: String] = [:]) -> String {
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
            // The organisation's words are kept with the entry; the template's are translated.
            guard let key = details["step"] else { return "" }
            return details["text"] ?? (Checklists.isTemplateKey(key) ? req.t(ChecklistStep(key: key).textKey) : "")
        case .monitoringAlert:
            let status = details["status"] == "resolved" ? "resolved" : "firing"
            return req.t(
                "journal.summary.alert.\(status)", details["integration"] ?? "", details["labels"] ?? "",
                details["source"] ?? "")
        case .reportedFromOutside:
            // Who reported it, for whom, how to reach them: the incident's handlers read it.
            let reach = [details["email"], details["phone"]].compactMap { $0 }.joined(separator: ", ")
            guard let party = details["party"] else {
                return req.t("journal.summary.outside", details["name"] ?? "", reach)
            }
            return req.t("journal.summary.outside.party", details["name"] ?? "", reach, party)
        case .reporterInformation:
            return details["name"] ?? ""
        case .mailReceived:
            return req.t("journal.summary.mail", details["name"] ?? details["from"] ?? "", details["subject"] ?? "")
        case .playbookApplied:
            return req.t("journal.summary.playbook", details["playbook"] ?? "", details["version"] ?? "")
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
        case .edited:
            return edited(details, req, activities: activities)
        case .ownerAssigned, .memberAdded, .memberRemoved:
            return details["name"] ?? ""
        default:
            return ""
        }
    }

    /// The field corrected, and its text before and after (long texts cut short, the activities
    /// by name).
    private static func edited(_ details: [String: String], _ req: Request, activities: [UUID: String]) -> String {
        guard let field = details["field"].flatMap(IncidentFacts.Field.init(rawValue:)) else { return "" }
        let label = req.t(fieldKey(field))
        func cut(_ text: String?) -> String {
            let text = text ?? ""
            return text.count > 120 ? String(text.prefix(120)) + "…" : text
        }
        switch field {
        case .impactedActivityIds:
            // By name; one retired since and taken off the plan's list keeps a short id.
            func names(_ ids: String?) -> String {
                let named = (ids ?? "").split(separator: ",").map { id in
                    UUID(uuidString: String(id)).flatMap { activities[$0] } ?? String(id.prefix(8))
                }
                return named.isEmpty ? "—" : named.joined(separator: ", ")
            }
            return req.t("journal.summary.edited", label, names(details["from"]), names(details["to"]))
        case .customersAffected:
            func yesNo(_ value: String?) -> String { value == "true" ? req.t("common.yes") : req.t("common.no") }
            return req.t("journal.summary.edited", label, yesNo(details["from"]), yesNo(details["to"]))
        default: return req.t("journal.summary.edited", label, cut(details["from"]), cut(details["to"]))
        }
    }

    /// The label of a field of the incident's facts.
    static func fieldKey(_ field: IncidentFacts.Field) -> String {
        field == .impactedActivityIds ? "field.impactedActivities" : "field.\(field.rawValue)"
    }
}
