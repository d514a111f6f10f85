import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/plans/{bcp|cmp|drp}`: activate or stand down a plan, or agree as
    /// its manager that the incident be closed.
    func changePlan(_ req: Request) async throws -> Response {
        let actions = try req.actions
        guard let plan = req.parameters.get("plan").flatMap(ResponsePlan.init(rawValue:)) else {
            throw Refusal.notFound(.plan)
        }
        let body = try req.decodeBody(PlanBody.self)
        let id = try await actions.changePlan(
            try req.incidentReference(), plan: plan, action: body.action, note: body.note,
            expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id)
    }
}
