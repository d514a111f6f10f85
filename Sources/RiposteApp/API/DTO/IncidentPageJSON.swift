import Foundation
import RiposteStorage

extension IncidentSummaryDTO {
    /// The register line as JSON, member for member what its `Encodable` conformance
    /// writes (a test holds them together).
    var json: String {
        var object = JSONObjectWriter()
        write(into: &object)
        return object.finish()
    }

    func write(into object: inout JSONObjectWriter) {
        object.member("id", id)
        object.member("number", number)
        object.member("title", title)
        object.member("description", description)
        object.member("type", type)
        object.member("severity", severity?.rawValue)
        object.member("status", status.rawValue)
        object.member("stage", stage)
        object.member("channel", channel.rawValue)
        object.member("customersAffected", customersAffected)
        object.member("team", team)
        object.member("reporterId", reporterId)
        object.member("reportedAt", reportedAt)
        object.member("detectedAt", detectedAt)
        object.member("updatedAt", updatedAt)
        object.member("version", version)
        object.member("exercise", exercise)
    }
}

extension IncidentPageDTO {
    /// A page of the register, written by hand: with `JSONEncoder`, encoding fifty lines
    /// took as long as reading them from the database.
    var json: String {
        var object = JSONObjectWriter()
        object.member("items", json: JSONObjectWriter.array(items.map(\.json)))
        object.member("nextCursor", nextCursor)
        return object.finish()
    }
}

extension IncidentDTO {
    /// The whole incident as JSON, member for member what its `Encodable` conformance writes
    /// (a test holds them together): every filing and every change answers with it.
    var json: String {
        var object = JSONObjectWriter()
        summary.write(into: &object)
        object.member("qualifiedAt", qualifiedAt)
        object.member("resolvedAt", resolvedAt)
        object.member("closedAt", closedAt)
        object.member("slaPausedSince", slaPausedSince)
        object.member("slaPausedSeconds", slaPausedSeconds)
        object.member("expectedRecoveryAt", expectedRecoveryAt)
        object.member("lastStatusReportAt", lastStatusReportAt)
        object.member(
            "impactedActivityIds", json: JSONObjectWriter.array(impactedActivityIds.map { "\"\($0.uppercaseText)\"" }))
        object.member("ownerId", ownerId)
        object.member("impact", impact)
        object.member("resourcesAllocated", resourcesAllocated)
        object.member(
            "plans",
            json: JSONObjectWriter.array(
                plans.map { plan in
                    var item = JSONObjectWriter()
                    item.member("plan", plan.plan.rawValue)
                    item.member("involvement", plan.involvement.rawValue)
                    item.member("since", plan.since)
                    item.member("activeSince", plan.activeSince)
                    item.member("closeAgreedAt", plan.closeAgreedAt)
                    return item.finish()
                }))
        object.member(
            "checklist",
            json: JSONObjectWriter.array(
                checklist.map { step in
                    var item = JSONObjectWriter()
                    item.member("id", step.id)
                    item.member("key", step.key)
                    item.member("severity", step.severity?.rawValue)
                    item.member("step", step.step)
                    item.member("text", step.text)
                    item.member("role", step.role?.rawValue)
                    item.member("origin", step.origin)
                    item.member("done", step.done)
                    item.member("doneBy", step.doneBy)
                    item.member("doneAt", step.doneAt)
                    return item.finish()
                }))
        if let exerciseChannels {
            object.member(
                "exerciseChannels", json: JSONObjectWriter.array(exerciseChannels.map { "\"\($0.rawValue)\"" }))
        }
        return object.finish()
    }
}
