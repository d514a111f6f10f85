import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/incidents/new`: any signed-in employee reports (§4.2), then sees the incident and its
/// number.
struct ReportController {
    struct Page: Encodable {
        struct Activity: Encodable {
            let id: UUID
            let name: String
            let selected: Bool
        }

        let page: PageFrame
        let form: FormState
        /// Every way to report that exists (#18 point 4): an employee learns the others here.
        let means: [String]
        let channels: [PageFrame.Option]
        let activities: [Activity]
        /// Offered to those who run exercises (#20): the drill, and what outside it may reach.
        let offersExercise: Bool
        let exerciseChannels: [PageFrame.Option]
    }

    struct Fields: Content {
        var title: String?
        var description: String?
        var type: String?
        var channel: String?
        var detectedAt: String?
        var customersAffected: String?
        var impactedActivityIds: [String]?
        var exercise: String?
        var exerciseChannels: [String]?
    }

    func show(_ req: Request) async throws -> Response {
        // The dashboard's reminder of the yearly exercise opens the form ticked.
        let exercise = (try? req.query.get(String.self, at: "exercise")) == "1"
        return try await render(
            req, form: FormState(values: ["channel": ReportChannel.web.rawValue, "exercise": exercise ? "true" : ""]),
            selected: [])
    }

    func submit(_ req: Request) async throws -> Response {
        let fields = try req.content.decode(Fields.self)
        var form = FormState(values: [
            "title": fields.title ?? "", "description": fields.description ?? "", "type": fields.type ?? "",
            "channel": fields.channel ?? "web", "detectedAt": fields.detectedAt ?? "",
            "customersAffected": fields.customersAffected == "true" ? "true" : "",
            "exercise": fields.exercise == "true" ? "true" : "",
        ])
        let selected = Set((fields.impactedActivityIds ?? []).compactMap(UUID.init(uuidString:)))
        let reaches = Set((fields.exerciseChannels ?? []).compactMap(ExerciseChannel.init(rawValue:)))
        form.values["exerciseChannels"] = reaches.map(\.rawValue).sorted().joined(separator: ",")
        guard let channel = ReportChannel(rawValue: fields.channel ?? "web") else {
            form.errors["channel"] = req.t("error.invalid")
            return try await render(req, form: form, selected: selected, status: .unprocessableEntity)
        }
        guard case .success(let detectedAt) = req.parseLocal(fields.detectedAt) else {
            form.errors["detectedAt"] = req.t("error.invalid")
            return try await render(req, form: form, selected: selected, status: .unprocessableEntity)
        }
        do {
            let incident = try await req.actions.report(
                IncidentReport(
                    title: fields.title ?? "", description: fields.description ?? "",
                    type: fields.type.flatMap { $0.isEmpty ? nil : $0 }, channel: channel, detectedAt: detectedAt,
                    customersAffected: fields.customersAffected == "true", impactedActivityIDs: Array(selected),
                    exercise: fields.exercise == "true" ? Exercise(channels: reaches) : nil))
            if incident.summary.exercise {
                req.leaveNotice("report.exerciseDone")
            } else {
                req.leaveNotice("report.done")
            }
            return req.redirect(to: .incident(number: incident.summary.number))
        } catch {
            guard let error = APIError.refusing(error), error.field != nil else { throw error }
            form.errors[error.field!] = req.message(for: error)
            return try await render(req, form: form, selected: selected, status: error.status)
        }
    }

    private func render(
        _ req: Request, form: FormState, selected: Set<UUID>, status: HTTPStatus = .ok
    ) async throws
        -> Response
    {
        let activities = try await SettingsStore.activities(on: req.db.sql()).map {
            Page.Activity(id: $0.id, name: $0.name, selected: selected.contains($0.id))
        }
        let page = Page(
            page: try await req.frame("report.title", alert: form.errors.isEmpty ? nil : req.t("form.fix")),
            form: form,
            means: try await req.reportLinks.means().sentences(
                in: req.pageLanguage, wording: req.application.catalogue),
            channels: req.options(
                ReportChannel.allCases, selected: ReportChannel(rawValue: form.values["channel"] ?? "")),
            activities: activities, offersExercise: try req.actingPerson.can(.runExercise),
            exerciseChannels: ExerciseChannel.allCases.map {
                PageFrame.Option(
                    code: $0.rawValue,
                    selected: (form.values["exerciseChannels"] ?? "").split(separator: ",").contains(
                        Substring($0.rawValue)))
            })
        let response = try await req.view.render("report", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
