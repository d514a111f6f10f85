import Foundation
import RiposteCore
import Vapor

/// `/documents`: the reference documents of annex 2, with their files and review dates.
struct DocumentsPageController {
    /// The upload form's largest body: a file of the documents' limit and its fields.
    static let bodyLimit = DocumentRules.maxFileBytes + 64 * 1024
    static let path = "/documents"

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

    struct Upload: Content {
        var kind: String?
        var title: String?
        var reference: String?
        var version: String?
        var owner: String?
        var link: String?
        var nextReviewOn: String?
        var file: File?
    }

    func show(_ req: Request) async throws -> Response { try await render(req, form: FormState()) }

    func create(_ req: Request) async throws -> Response {
        let upload = try req.content.decode(Upload.self)
        let form = FormState(values: [
            "kind": upload.kind ?? "", "title": upload.title ?? "", "reference": upload.reference ?? "",
            "version": upload.version ?? "", "owner": upload.owner ?? "", "link": upload.link ?? "",
            "nextReviewOn": upload.nextReviewOn ?? "",
        ])
        let file = upload.file.flatMap { file -> (bytes: [UInt8], declared: String?, name: String?)? in
            guard file.data.readableBytes > 0 else { return nil }
            return (Array(file.data.readableBytesView), file.contentType?.serialize(), file.filename)
        }
        do {
            try await req.documents.create(
                DocumentActions.Input(
                    kind: DocumentKind(rawValue: upload.kind ?? "") ?? .other, title: upload.title ?? "",
                    reference: upload.reference, version: upload.version, owner: upload.owner, link: upload.link,
                    nextReviewOn: upload.nextReviewOn),
                file: file)
            req.leaveNotice("documents.done")
            return req.redirect(to: "/documents")
        } catch let error as APIError where error.status == .unprocessableEntity {
            var form = form
            form.errors[error.field ?? "title"] = req.message(for: error)
            return try await render(req, form: form, status: .unprocessableEntity)
        }
    }

    func download(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw APIError.notFound("Document") }
        return Response.download(try await req.documents.file(id))
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
