import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/transitions`: move along the lifecycle.
    func transition(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        let body = try req.decodeBody(TransitionBody.self)
        let reason = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(body.reason, field: "reason", max: FieldLimits.reason)
        }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        let id = incident.id
        let number = incident.number
        try await req.incidents.mutate(id, expectedVersion: try ETag.expectedVersion(req), author: user.id, at: req.now)
        {
            change in
            let result = Lifecycle.transition(change.incident.state, to: body.to, reason: reason, roles: user.roles)
            if case .failure(let error) = result {
                // The refused attempt leaves no trace in the register, only in the log.
                req.logger.notice(
                    "refused transition",
                    metadata: [
                        "incident": "\(number)", "to": "\(body.to.rawValue)", "user": "\(user.id)",
                        "code": "\(error.code)",
                    ])
            }
            let decision = try result.orThrow()
            change.incident.status = decision.to.rawValue
            switch decision.to {
            case .resolved: change.incident.resolvedAt = change.at
            case .closed: change.incident.closedAt = change.at
            case .inTreatment where decision.action == .reopen:
                change.incident.resolvedAt = nil
            default: break
            }
            var details = ["from": decision.from.rawValue, "to": decision.to.rawValue]
            details["action"] = decision.action.rawValue
            try await change.record(.statusChanged, text: decision.reason ?? "", details: details)
        }
        return try await req.incidentResponse(id)
    }
}
