import Foundation
import RiposteCore
import Vapor

/// `/api/v1/plan`: the plan document, its published versions and their acknowledgements.
struct PlanAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        // The plan speaks of the organisation: its settings are read for these routes only.
        let routes = routes.grouped(OrganisationMiddleware())
        routes.get("plan", use: draft)
        routes.get("plan", "versions", use: versions)
        routes.post("plan", "versions", use: publish)
        routes.get("plan", "versions", ":number", use: version)
        routes.get("plan", "acknowledgements", use: acknowledgements)
        routes.post("plan", "acknowledgements", use: acknowledge)
    }

    struct DraftDTO: Content {
        let language: Language
        let content: String
        let reminders: [String]
    }

    struct VersionsDTO: Content {
        let items: [PlanActions.VersionDTO]
    }

    struct AcknowledgedDTO: Content {
        let version: Int
    }

    func draft(_ req: Request) async throws -> Response {
        let plan = try req.plan
        return try Response.json(
            DraftDTO(
                language: req.language, content: try await plan.draft(in: req.language),
                reminders: try await plan.reminders().map(\.rawValue)))
    }

    func versions(_ req: Request) async throws -> Response {
        try Response.json(VersionsDTO(items: try await req.plan.versions()))
    }

    func publish(_ req: Request) async throws -> Response {
        let version = try await req.plan.publish()
        let response = try Response.json(version, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/plan/versions/\(version.number)")
        return response
    }

    func version(_ req: Request) async throws -> Response {
        guard let number = req.parameters.get("number", as: Int.self) else { throw Refusal.notFound(.planVersion) }
        let notice = req.application.catalogue.text("plan.directoryRestricted", req.language)
        return try Response.json(try await req.plan.version(number, directoryNotice: notice))
    }

    func acknowledgements(_ req: Request) async throws -> Response {
        try Response.json(try await req.plan.acknowledgements())
    }

    func acknowledge(_ req: Request) async throws -> Response {
        try Response.json(AcknowledgedDTO(version: try await req.plan.acknowledge()), status: .created)
    }
}
