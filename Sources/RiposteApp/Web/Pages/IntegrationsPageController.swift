import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/admin/integrations`: the monitoring integrations (#18 point 2) — made, set, given a new
/// secret or removed by the administrator. A secret is shown once, on the page that made it.
struct IntegrationsPageController {
    struct Page: Encodable {
        let page: PageFrame
        let integrations: [Line]
        /// The secret just made, with the integration it belongs to; shown once.
        let secret: String
        let secretFor: String
        let kinds: [String]
        let form: FormState
    }

    struct Line: Encodable {
        let id: String
        let name: String
        let kind: String
        let intakeURL: String
        let severityLabel: String
        let mapping: String
        let autoResolve: Bool
        let lastReceivedAt: String
        let received: Int
        let filed: Int
        let errors: [String: String]
        /// The form's fields: as stored, or as typed in a refused edit of this integration.
        let values: [String: String]
        let autoResolveChecked: Bool
    }

    struct Fields: Content {
        var name: String?
        var kind: String?
        var severityLabel: String?
        var mapping: String?
        var autoResolve: String?
        var renewSecret: String?
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req)
    }

    private func render(
        _ req: Request, secret: (value: String, name: String)? = nil, form: FormState = FormState(),
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let base = Self.origin(req)
        let lines = try await req.integrations.all().map { record in
            let id = record.id.uuidString.lowercased()
            let mine = form.formName == id
            return Line(
                id: id, name: record.name, kind: record.kind.rawValue,
                intakeURL: base + IntegrationAPIController.dto(record).intakeURL,
                severityLabel: record.settings.severityLabel, mapping: Self.text(record.settings.mapping),
                autoResolve: record.settings.autoResolve, lastReceivedAt: req.display(record.lastReceivedAt),
                received: record.received, filed: record.filed, errors: mine ? form.errors : [:],
                values: mine
                    ? form.values
                    : [
                        "name": record.name, "severityLabel": record.settings.severityLabel,
                        "mapping": Self.text(record.settings.mapping),
                    ],
                autoResolveChecked: mine ? form.values["autoResolve"] == "on" : record.settings.autoResolve)
        }
        let page = Page(
            page: try await req.frame("integrations.title", alert: form.errors.isEmpty ? nil : req.t("form.fix")),
            integrations: lines, secret: secret?.value ?? "", secretFor: secret?.name ?? "",
            kinds: IntegrationStore.Kind.allCases.map(\.rawValue), form: form)
        let response = try await req.view.render("integrations", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    /// The address monitors reach this server by, as the browser reached it.
    static func origin(_ req: Request) -> String {
        guard let host = req.headers.first(name: .host) else { return "" }
        let scheme = req.headers.first(name: "X-Forwarded-Proto") ?? "http"
        return "\(scheme)://\(host)"
    }

    /// `critical=major, warning=minor`, as the form shows and reads it.
    static func text(_ mapping: [String: Severity]) -> String {
        mapping.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(separator: ", ")
    }

    static func mapping(_ text: String) throws -> [String: Severity] {
        var mapping: [String: Severity] = [:]
        for pair in text.split(separator: ",") where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let severity = Severity(rawValue: parts[1].lowercased()) else {
                throw FieldError(field: "mapping", problem: .invalid)
            }
            mapping[parts[0]] = severity
        }
        return mapping
    }

    static func input(_ fields: Fields) throws -> IntegrationActions.Input {
        IntegrationActions.Input(
            name: fields.name ?? "", kind: fields.kind.flatMap(IntegrationStore.Kind.init(rawValue:)) ?? .alertmanager,
            severityLabel: fields.severityLabel, mapping: try mapping(fields.mapping ?? ""),
            autoResolve: fields.autoResolve != nil)
    }

    func create(_ req: Request) async throws -> Response {
        let fields = try req.content.decode(Fields.self)
        return try await saving(req, form: "new", fields: fields) {
            let (record, secret) = try await req.integrations.create(try Self.input(fields))
            return (secret, record.name)
        }
    }

    func save(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.integration) }
        let fields = try req.content.decode(Fields.self)
        return try await saving(req, form: id.uuidString.lowercased(), fields: fields) {
            let (record, secret) = try await req.integrations.update(
                id, try Self.input(fields), renewSecret: fields.renewSecret != nil)
            return secret.map { ($0, record.name) }
        }
    }

    func delete(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.integration) }
        try await req.integrations.delete(id)
        req.leaveNotice("integrations.deleted")
        return req.redirect(to: .integrations)
    }

    /// Saved: the page with the new secret when there is one (it is shown once), else back to
    /// the page. Refused for a field or a name taken: the form again as typed.
    private func saving(
        _ req: Request, form name: String, fields: Fields,
        _ body: () async throws -> (secret: String, name: String)?
    ) async throws -> Response {
        do {
            if let made = try await body() { return try await render(req, secret: (made.secret, made.name)) }
            req.leaveNotice("integrations.saved")
            return req.redirect(to: .integrations)
        } catch let error where error is FieldError || error is Refusal {
            guard let refusal = APIError.refusing(error), refusal.status != .notFound else { throw error }
            var form = FormState(formName: name)
            form.values = [
                "name": fields.name ?? "", "severityLabel": fields.severityLabel ?? "", "mapping": fields.mapping ?? "",
                "autoResolve": fields.autoResolve == nil ? "" : "on",
            ]
            form.errors[refusal.field ?? "name"] = req.message(for: refusal)
            return try await render(req, form: form, status: refusal.status)
        }
    }
}
