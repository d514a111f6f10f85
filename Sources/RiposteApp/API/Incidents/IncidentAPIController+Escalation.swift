import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/clock`: stop the SLA clock (with a reason) or restart it.
    func changeClock(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        let body = try req.decodeBody(ClockBody.self)
        let reason = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(body.reason, field: "reason", max: FieldLimits.reason)
        }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        try await req.incidents.mutate(
            incident.id, expectedVersion: try ETag.expectedVersion(req), author: user.id, at: req.now
        ) {
            change in
            let pause = body.action == .pause
            change.incident.slaClock = try Lifecycle.changeClock(
                change.incident.state, clock: change.incident.slaClock, pause: pause, reason: reason, roles: user.roles,
                at: change.at
            ).orThrow()
            var details = ["pausedSeconds": String(change.incident.slaPausedSeconds)]
            if let since = change.incident.slaPausedSince {
                details["pausedSince"] = since.formatted(DateCoding.output)
            }
            try await change.record(pause ? .clockPaused : .clockResumed, text: reason ?? "", details: details)
        }
        return try await req.incidentResponse(incident.id)
    }

    /// `POST /incidents/{id}/status-reports`: the incident manager's periodic report to the
    /// crisis manager (§4.2.3 table): situation and expected recovery.
    func addStatusReport(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        let body = try req.decodeBody(StatusReportBody.self)
        let situation = try FieldError.check { () throws(FieldError) in
            try TextRule.required(body.situation, field: "situation", max: FieldLimits.journalText)
        }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        if let expected = body.expectedRecoveryAt, expected < (incident.detectedAt ?? incident.reportedAt) {
            throw APIError(FieldError(field: "expectedRecoveryAt", problem: .outOfRange))
        }
        try await req.incidents.mutate(
            incident.id, expectedVersion: try ETag.expectedVersion(req), author: user.id, at: req.now
        ) {
            change in
            try Lifecycle.statusReport(change.incident.state, roles: user.roles).orThrow()
            change.incident.lastStatusReportAt = change.at
            var details: [String: String] = [:]
            if let expected = body.expectedRecoveryAt {
                change.incident.expectedRecoveryAt = JournalClock.truncate(expected)
                details["expectedRecoveryAt"] = JournalClock.truncate(expected).formatted(DateCoding.output)
            }
            try await change.record(.statusReport, text: situation, details: details)
        }
        return try await req.incidentResponse(incident.id, status: .created)
    }
}
