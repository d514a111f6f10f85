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
        routes.get("plan", "sections", use: sections)
        routes.get("plan", "sections", ":key", use: section)
        routes.put("plan", "sections", ":key", use: setSection)
    }

    /// A part of the plan the organisation writes, in Markdown (#20 point 3).
    struct SectionDTO: Content {
        let key: PlanSection
        let text: String
    }

    struct SectionsDTO: Content {
        let items: [SectionDTO]
    }

    struct SectionBody: Content {
        let text: String
    }

    /// `GET /plan/sections`: every section, written or not (empty), in the plan's order.
    func sections(_ req: Request) async throws -> Response {
        let written = try await req.plan.sections()
        return try Response.json(
            SectionsDTO(items: PlanSection.allCases.map { SectionDTO(key: $0, text: written[$0] ?? "") }))
    }

    func section(_ req: Request) async throws -> Response {
        let key = try Self.sectionKey(req)
        return try Response.json(SectionDTO(key: key, text: try await req.plan.sections()[key] ?? ""))
    }

    /// `PUT /plan/sections/{key}`: the administrator writes it; an empty text clears it.
    func setSection(_ req: Request) async throws -> Response {
        let key = try Self.sectionKey(req)
        let plan = try req.plan
        guard plan.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let body = try req.decodeBody(SectionBody.self)
        return try Response.json(SectionDTO(key: key, text: try await plan.setSection(key, to: body.text)))
    }

    static func sectionKey(_ req: Request) throws -> PlanSection {
        guard let key = req.parameters.get("key").flatMap(PlanSection.init(rawValue:)) else {
            throw Refusal.notFound(.planSection)
        }
        return key
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
