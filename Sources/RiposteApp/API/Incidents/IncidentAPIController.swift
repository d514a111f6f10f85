import Fluent
import RiposteCore
import Vapor

/// `/api/v1/incidents`: one file per flow, this one only registers them.
struct IncidentAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let incidents = routes.grouped("incidents")
        incidents.post(use: report)
        incidents.get(use: list)
        incidents.get("export.csv") { try await export($0, as: .csv) }
        incidents.get("export.json") { try await export($0, as: .json) }
        incidents.get(":id", use: show)
        incidents.patch(":id", use: edit)
        incidents.put(":id", "owner", use: assignOwner)
        incidents.get(":id", "members", use: members)
        incidents.post(":id", "members", ":userId", use: addMember)
        incidents.delete(":id", "members", ":userId", use: removeMember)
        incidents.post(":id", "qualify", use: qualify)
        incidents.post(":id", "transitions", use: transition)
        incidents.post(":id", "journal", use: addJournalEntry)
        incidents.get(":id", "journal", use: journal)
        incidents.post(":id", "checklist", ":itemId", "done", use: completeChecklistItem)
        incidents.post(":id", "clock", use: changeClock)
        incidents.post(":id", "status-reports", use: addStatusReport)
        incidents.post(":id", "escalations", use: escalate)
        incidents.post(":id", "plans", ":plan", use: changePlan)
        incidents.post(":id", "warnings", use: warn)
        incidents.get(":id", "deliveries", use: deliveries)
        incidents.get(":id", "alerts", use: alerts)
        incidents.post(":id", "alerts", ":alertId", "acknowledge", use: acknowledgeAlert)
        incidents.post(":id", "communications", use: addCommunication)
        incidents.get(":id", "communications", use: communications)
        incidents.post(":id", "messages", use: sendMessage)
        incidents.get(":id", "messages", "draft", use: messageDraft)
        incidents.get(":id", "public-updates", use: publicUpdates)
        incidents.get(":id", "monitoring", use: monitoring)
        incidents.post(":id", "public-updates", use: publishUpdate)
        incidents.post(":id", "parties", use: linkParty)
        incidents.get(":id", "parties", use: parties)
        incidents.get(":id", "review", use: review)
        incidents.put(":id", "review", use: saveReview)
        incidents.get(":id", "assessment", use: assessment)
        incidents.put(":id", "assessment", use: saveAssessment)
        incidents.get(":id", "obligations", use: obligations)
        incidents.post(":id", "obligations", ":step", "submissions", use: submit)
        incidents.post(":id", "obligations", ":step", "decisions", use: decide)
        incidents.get(":id", "reports", ":kind", use: reportDraft)
        incidents.get(":id", "exercise-report", use: exerciseReport)
    }
}
