import Foundation
import RiposteCore
import Vapor

/// `/plan`: the plan Riposte writes, its versions (publish: administrator), acknowledging the
/// latest, who has not yet, and the reminders to review it.
struct PlanPageController {
    struct Page: Encodable {
        struct Version: Encodable {
            let number: Int
            let publishedAt: String
            let publishedBy: String
        }

        let page: PageFrame
        /// The draft as HTML made by `PlanMarkdown` (every value escaped), shown unescaped.
        let draft: String
        let versions: [Version]
        let latest: Int?
        let toAcknowledge: Bool
        let canPublish: Bool
        let reminders: [String]
        let missing: [String]
        /// The parts the organisation writes, for the administrator's forms (#20 point 3).
        let sections: [Section]
        let form: FormState
    }

    struct Section: Encodable {
        let key: String
        let text: String
        let error: String
    }

    struct SectionFields: Content {
        var text: String?
    }

    struct VersionPage: Encodable {
        let page: PageFrame
        let number: Int
        /// The version as HTML made by `PlanMarkdown` (every value escaped), shown unescaped.
        let content: String
    }

    func show(_ req: Request) async throws -> View {
        try await render(req, form: FormState())
    }

    private func render(_ req: Request, form: FormState) async throws -> View {
        let plan = try req.plan
        let (latest, done) = try await plan.hasAcknowledgedLatest()
        let canPublish = plan.actor.can(.manageSettings)
        let written = canPublish ? try await plan.sections() : [:]
        return try await req.view.render(
            "plan",
            Page(
                page: try await req.frame("plan.title", alert: form.errors.isEmpty ? nil : req.t("form.fix")),
                // Under the page's own h1 and the section's h2: the plan's title is an h3.
                draft: plan.actor.can(.viewRegister) || canPublish
                    ? PlanMarkdown.html(try await plan.draft(in: req.pageLanguage), topLevel: 3, links: true) : "",
                versions: try await plan.versions().map {
                    Page.Version(
                        number: $0.number, publishedAt: req.display($0.publishedAt), publishedBy: $0.publishedBy ?? "")
                }, latest: latest, toAcknowledge: !done, canPublish: canPublish,
                reminders: canPublish ? try await plan.reminders().map(\.rawValue) : [],
                missing: canPublish ? try await plan.acknowledgements().missing.map(\.name) : [],
                sections: canPublish
                    ? PlanSection.allCases.map {
                        Section(
                            key: $0.rawValue, text: form.values[$0.rawValue] ?? written[$0] ?? "",
                            error: form.errors[$0.rawValue] ?? "")
                    } : [],
                form: form))
    }

    /// `/plan/sections/{key}`: the administrator writes a part of the plan; refused, the text
    /// stays in its field with the reason beside it.
    func saveSection(_ req: Request) async throws -> Response {
        guard let section = req.parameter(.key).flatMap(PlanSection.init(rawValue:)) else {
            throw Refusal.notFound(.planSection)
        }
        let text = try req.content.decode(SectionFields.self).text ?? ""
        do {
            _ = try await req.plan.setSection(section, to: text)
        } catch let error as FieldError {
            var form = FormState(values: [section.rawValue: text])
            form.errors[section.rawValue] = req.message(for: APIError(error))
            let response = try await render(req, form: form).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        req.leaveNotice("plan.section.saved")
        return req.redirect(to: .plan)
    }

    func version(_ req: Request) async throws -> View {
        guard let number = req.parameter(.number, as: Int.self) else { throw Refusal.notFound(.planVersion) }
        let version = try await req.plan.version(number, directoryNotice: req.t("plan.directoryRestricted"))
        return try await req.view.render(
            "plan-version",
            VersionPage(
                page: try await req.frame("plan.version", String(number)), number: number,
                content: PlanMarkdown.html(version.content ?? "", links: true)))
    }

    func publish(_ req: Request) async throws -> Response {
        let version = try await req.plan.publish()
        req.leaveNotice("plan.published")
        return req.redirect(to: .planVersion(version.number))
    }

    func acknowledge(_ req: Request) async throws -> Response {
        try await req.plan.acknowledge()
        req.leaveNotice("plan.acknowledged")
        return req.redirect(to: .plan)
    }
}
