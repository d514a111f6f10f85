import Foundation
import RiposteCore
import Vapor

/// `/documents`: the reference documents of annex 2, with their files and review dates.
struct DocumentsPageController {
    struct Page: Encodable {
        struct Document: Encodable {
            let id: UUID
            let kind: String
            let title: String
            let reference: String
            let version: String
            let owner: String
            let link: String?
            let fileName: String?
            let nextReviewOn: String
            let reviewDue: Bool
        }

        let page: PageFrame
        let documents: [Document]
        let canEdit: Bool
        let kinds: [PageFrame.Option]
        let form: FormState
    }

    func show(_ req: Request) async throws -> Response { try await render(req, form: FormState()) }

    func create(_ req: Request) async throws -> Response {
        // Permission first: only those who may upload make the server write a file.
        let documents = try req.documents
        guard documents.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let upload = try await StreamedForm.read(req, fileField: "file")
        let fields = ["kind", "title", "reference", "version", "owner", "link", "nextReviewOn"]
        let form = FormState(values: Dictionary(uniqueKeysWithValues: fields.map { ($0, upload[$0] ?? "") }))
        do {
            try await documents.create(
                DocumentActions.Input(
                    kind: DocumentKind(rawValue: upload["kind"] ?? "") ?? .other, title: upload["title"] ?? "",
                    reference: upload["reference"], version: upload["version"], owner: upload["owner"],
                    link: upload["link"], nextReviewOn: upload["nextReviewOn"]),
                file: upload.file)
            req.leaveNotice("documents.done")
            return req.redirect(to: .documents)
        } catch {
            guard let error = APIError.refusing(error), error.status == .unprocessableEntity else { throw error }
            var form = form
            form.errors[error.field ?? "title"] = req.message(for: error)
            return try await render(req, form: form, status: .unprocessableEntity)
        }
    }

    func download(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.document) }
        return try await req.download(try await req.documents.file(id))
    }

    private func render(_ req: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let documents = try req.documents
        let today = req.now.formatted(.iso8601.year().month().day())
        let page = Page(
            page: try await req.frame("documents.title", alert: form.errors.isEmpty ? nil : req.t("form.fix")),
            documents: try await documents.list().map {
                Page.Document(
                    id: $0.id, kind: $0.kind.rawValue, title: $0.title, reference: $0.reference ?? "",
                    version: $0.version ?? "", owner: $0.owner ?? "", link: $0.link, fileName: $0.fileName,
                    nextReviewOn: $0.nextReviewOn ?? "", reviewDue: ($0.nextReviewOn ?? "9999") <= today)
            },
            canEdit: documents.actor.can(.manageSettings),
            kinds: req.options(DocumentKind.allCases, selected: DocumentKind(rawValue: form.values["kind"] ?? "")),
            form: form)
        let response = try await req.view.render("documents", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
