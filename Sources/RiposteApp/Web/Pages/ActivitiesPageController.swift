import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/activities`: the BCP's essential activities and their RTO, kept by the continuity manager
/// and the administrator (#16 point 6, note D): added, corrected, retired. A retired activity
/// stays on the incidents that named it.
struct ActivitiesPageController {
    struct Page: Encodable {
        struct Activity: Encodable {
            let id: UUID
            let name: String
            let rto: String
            /// The RTO as the field shows it: a number and a unit ("4 heures").
            let rtoField: String
        }

        let page: PageFrame
        let activities: [Activity]
        let form: FormState
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    func create(_ req: Request) async throws -> Response {
        let (name, rto) = Self.fields(req)
        return try await attempt(
            req, form: FormState(values: ["name": name, "rto": rto]), notice: "activities.done.added"
        ) {
            _ = try await req.admin.createActivity(name: name, rto: rto, notation: .typed)
        }
    }

    func edit(_ req: Request) async throws -> Response {
        let id = try Self.id(req)
        let (name, rto) = Self.fields(req)
        let form = FormState(formName: id.uuidString, values: ["name": name, "rto": rto])
        return try await attempt(req, form: form, notice: "activities.done.edited") {
            try await req.admin.updateActivity(id, name: name, rto: rto, notation: .typed)
        }
    }

    func retire(_ req: Request) async throws -> Response {
        let id = try Self.id(req)
        return try await attempt(req, form: FormState(), notice: "activities.done.retired") {
            try await req.admin.retireActivity(id)
        }
    }

    private static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.essentialActivity) }
        return id
    }

    private static func fields(_ req: Request) -> (name: String, rto: String) {
        ((try? req.content.get(String.self, at: "name")) ?? "", (try? req.content.get(String.self, at: "rto")) ?? "")
    }

    /// Back to the list with a notice, or the page again with the reason next to the field;
    /// someone who may not keep the activities gets the forbidden page.
    private func attempt(
        _ req: Request, form: FormState, notice: String, _ body: () async throws -> Void
    ) async throws -> Response {
        do {
            try await body()
            req.leaveNotice(notice)
            return req.redirect(to: .essentialActivities)
        } catch let error as FieldError where error.field == "rto" {
            var form = form
            form.errors["rto"] = req.durationProblem(error)
            return try await render(req, form: form, status: .unprocessableEntity)
        } catch {
            guard let error = APIError.refusing(error), error.status != .forbidden, error.status != .notFound
            else { throw error }
            var form = form
            form.errors[error.field ?? "name"] = req.message(for: error)
            return try await render(req, form: form, status: error.status)
        }
    }

    private func render(_ req: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        guard try req.actingPerson.can(.manageActivities) else {
            throw WebError(.forbidden, messageKey: "error.forbidden")
        }
        let activities = try await SettingsStore.activities(on: req.db.sql())
        let page = Page(
            page: try await req.frame("activities.title", alert: form.errors.isEmpty ? nil : req.t("form.fix")),
            activities: activities.map {
                Page.Activity(
                    id: $0.id, name: $0.name, rto: req.duration(seconds: $0.rto.seconds),
                    rtoField: req.durationField($0.rto))
            }, form: form)
        let response = try await req.view.render("activities", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
