import Foundation
import RiposteCore
import Vapor

/// `/admin/message-templates`: the wording of the messages sent from incidents (#16 point 4),
/// one form per kind and language, each saved or put back to the default wording on its own.
struct MessageTemplatesPageController {
    struct Page: Encodable {
        struct Template: Encodable {
            let id: String
            let kind: String
            let language: String
            let subject: String
            let body: String
            let custom: Bool
            let errors: [String: String]
        }

        let page: PageFrame
        let templates: [Template]
    }

    struct Fields: Content {
        var kind: String?
        var language: String?
        var subject: String?
        var body: String?
        var reset: String?
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req)
    }

    func save(_ req: Request) async throws -> Response {
        let admin = try req.admin
        let fields = try req.content.decode(Fields.self)
        guard let kind = fields.kind.flatMap(MessageKind.init), let language = fields.language.flatMap(Language.init)
        else { throw WebError(.badRequest, messageKey: "error.bad_request") }
        let reset = fields.reset != nil
        do {
            try await admin.saveMessageTemplates([
                (kind, language, reset ? nil : fields.subject ?? "", reset ? nil : fields.body ?? "")
            ])
            req.leaveNotice("admin.templates.saved")
            return req.redirect(to: .messageTemplates)
        } catch {
            guard let error = APIError.refusing(error), error.status != .forbidden else { throw error }
            // "templates[0].subject": the part of the one form sent.
            let part = error.field?.split(separator: ".").last.map(String.init) ?? "body"
            let typed = Page.Template(
                id: "\(kind.rawValue)-\(language.rawValue)", kind: kind.rawValue, language: language.rawValue,
                subject: fields.subject ?? "", body: fields.body ?? "", custom: true,
                errors: [part: req.message(for: error)])
            return try await render(req, typed: typed, alert: req.t("form.fix"), status: error.status)
        }
    }

    private func render(
        _ req: Request, typed: Page.Template? = nil, alert: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let entries = try await req.admin.messageTemplates(wording: req.application.catalogue)
        let templates = entries.map { entry in
            let id = "\(entry.kind.rawValue)-\(entry.language.rawValue)"
            if let typed, typed.id == id { return typed }
            return Page.Template(
                id: id, kind: entry.kind.rawValue, language: entry.language.rawValue, subject: entry.subject,
                body: entry.body, custom: entry.custom, errors: [:])
        }
        let page = Page(page: try await req.frame("admin.templates", alert: alert), templates: templates)
        let response = try await req.view.render("message-templates", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
