import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/qualify`: type and severity, first time or again.
    func qualify(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        let body = try req.decodeBody(QualifyBody.self)
        let type = try FieldError.check { () throws(FieldError) in
            try TextRule.required(body.type, field: "type", max: FieldLimits.type)
        }
        let team = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(body.team, field: "team", max: FieldLimits.team)
        }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        let id = incident.id
        try await req.incidents.mutate(id, expectedVersion: try ETag.expectedVersion(req), author: user.id, at: req.now)
        {
            change in
            let decision = try Lifecycle.qualify(
                change.incident.state, type: type, severity: body.severity, roles: user.roles
            )
            .orThrow()
            change.incident.type = decision.type
            change.incident.severity = decision.severity.rawValue
            change.incident.status = decision.newStatus.rawValue
            if let team { change.incident.team = team }
            if decision.action == .qualify { change.incident.qualifiedAt = change.at }
            var details = ["type": decision.type, "severity": decision.severity.rawValue]
            if let previous = decision.previousSeverity { details["previousSeverity"] = previous.rawValue }
            if let previous = decision.previousType { details["previousType"] = previous }
            if let team { details["team"] = team }
            try await change.record(decision.action == .qualify ? .qualified : .requalified, details: details)
            if decision.severityChanged {
                change.incident.severitySince = change.at
                try await change.regenerateChecklist(for: decision.severity)
            }
        }
        return try await req.incidentResponse(id)
    }
}
