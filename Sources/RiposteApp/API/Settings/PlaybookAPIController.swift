import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/settings/checklists` and `/api/v1/playbooks`: the procedures the organisation
/// writes (#20 point 2).
struct PlaybookAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "checklists", use: checklists)
        routes.put("settings", "checklists", use: setChecklists)
        routes.get("settings", "review-questions", use: reviewQuestions)
        routes.put("settings", "review-questions", use: setReviewQuestions)
        routes.get("playbooks", use: list)
        routes.post("playbooks", use: create)
        routes.get("playbooks", ":playbookId", use: show)
        routes.put("playbooks", ":playbookId", use: replace)
        routes.delete("playbooks", ":playbookId", use: delete)
    }

    /// A step as the organisation keeps it, in the reader's language.
    struct StepDTO: Content {
        let key: String
        let text: String
        let role: Role?
        /// `template` (the plan template's words, translated) or `organisation`.
        let origin: String
    }

    /// Each severity's procedure.
    struct ChecklistsDTO: Content {
        let low: [StepDTO]
        let minor: [StepDTO]
        let major: [StepDTO]
        let crisis: [StepDTO]
    }

    /// The severities to rewrite; those left out stay as they are.
    struct ChecklistsBody: Content {
        let low: [StepDraft]?
        let minor: [StepDraft]?
        let major: [StepDraft]?
        let crisis: [StepDraft]?
    }

    /// A question the organisation added to the post-incident review (#20 point 3).
    struct ReviewQuestionDTO: Content {
        let key: String
        let text: String
        let section: String
    }

    struct ReviewQuestionsDTO: Content {
        let items: [ReviewQuestionDTO]
    }

    struct ReviewQuestionsBody: Content {
        let items: [ExtraQuestionDraft]
    }

    func reviewQuestions(_ req: Request) async throws -> Response {
        try Response.json(Self.dto(try await req.playbooks.reviewQuestions()))
    }

    /// The whole list, in order: those left out retire (the reviews that answered them keep them).
    func setReviewQuestions(_ req: Request) async throws -> Response {
        let actions = try req.playbooks
        try actions.mayWrite()
        let body = try req.decodeBody(ReviewQuestionsBody.self)
        return try Response.json(Self.dto(try await actions.saveReviewQuestions(body.items, field: "items")))
    }

    static func dto(_ questions: [ExtraQuestion]) -> ReviewQuestionsDTO {
        ReviewQuestionsDTO(
            items: questions.filter { !$0.retired }.map {
                ReviewQuestionDTO(key: $0.key, text: $0.text, section: $0.section)
            })
    }

    struct PlaybookDTO: Content {
        let id: UUID
        let name: String
        let incidentTypes: [String]
        let steps: [StepDTO]
        let documentIds: [UUID]
        let contactIds: [UUID]
        let version: Int
        let updatedAt: Date
    }

    struct PlaybooksDTO: Content {
        let items: [PlaybookDTO]
    }

    func checklists(_ req: Request) async throws -> Response {
        try Response.json(Self.dto(try await req.playbooks.procedures(), req))
    }

    func setChecklists(_ req: Request) async throws -> Response {
        let actions = try req.playbooks
        try actions.mayWrite()
        let body = try req.decodeBody(ChecklistsBody.self)
        let drafts: [Severity: [StepDraft]?] = [
            .low: body.low, .minor: body.minor, .major: body.major, .crisis: body.crisis,
        ]
        let saved = try await actions.saveProcedures(drafts.compactMapValues { $0 }) { $0.rawValue }
        return try Response.json(Self.dto(saved, req))
    }

    func list(_ req: Request) async throws -> Response {
        try Response.json(PlaybooksDTO(items: try await req.playbooks.playbooks().map { Self.dto($0, req) }))
    }

    func show(_ req: Request) async throws -> Response {
        try Self.response(try await req.playbooks.playbook(try Self.id(req)), req)
    }

    /// The playbook, its version as its `ETag`, which `If-Match` sends back to write over it.
    static func response(_ stored: PlaybookStore.Stored, _ req: Request, status: HTTPStatus = .ok) throws -> Response {
        let response = try Response.json(dto(stored, req), status: status)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(stored.playbook.version)\"")
        return response
    }

    func create(_ req: Request) async throws -> Response {
        let actions = try req.playbooks
        try actions.mayWrite()
        let stored = try await actions.create(try req.decodeBody(PlaybookDraft.self))
        let response = try Self.response(stored, req, status: .created)
        response.headers.replaceOrAdd(
            name: "Location", value: "/api/v1/playbooks/\(stored.playbook.id.uuidString.lowercased())")
        return response
    }

    /// A new version; `If-Match` with the version read refuses it when someone wrote one since.
    func replace(_ req: Request) async throws -> Response {
        let actions = try req.playbooks
        try actions.mayWrite()
        let id = try Self.id(req)
        let stored = try await actions.replace(
            id, with: try req.decodeBody(PlaybookDraft.self), expectedVersion: try ETag.expectedVersion(req))
        return try Self.response(stored, req)
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        let actions = try req.playbooks
        try actions.mayWrite()
        try await actions.delete(try Self.id(req))
        return .noContent
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("playbookId", as: UUID.self) else { throw Refusal.notFound(.playbook) }
        return id
    }

    static func steps(_ steps: [ChecklistStep], _ req: Request) -> [StepDTO] {
        steps.map {
            StepDTO(
                key: $0.key, text: $0.words(in: req.language, wording: req.application.catalogue), role: $0.role,
                origin: $0.text == nil ? "template" : "organisation")
        }
    }

    static func dto(_ procedures: Procedures, _ req: Request) -> ChecklistsDTO {
        let of = { (severity: Severity) in steps(procedures.steps(for: severity), req) }
        return ChecklistsDTO(low: of(.low), minor: of(.minor), major: of(.major), crisis: of(.crisis))
    }

    static func dto(_ stored: PlaybookStore.Stored, _ req: Request) -> PlaybookDTO {
        let playbook = stored.playbook
        return PlaybookDTO(
            id: playbook.id, name: playbook.name, incidentTypes: playbook.incidentTypes,
            steps: steps(playbook.steps, req), documentIds: playbook.documents, contactIds: playbook.contacts,
            version: playbook.version, updatedAt: stored.updatedAt)
    }
}
