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
    }

    struct VersionPage: Encodable {
        let page: PageFrame
        let number: Int
        /// The version as HTML made by `PlanMarkdown` (every value escaped), shown unescaped.
        let content: String
    }

    func show(_ req: Request) async throws -> View {
        let plan = try req.plan
        let (latest, done) = try await plan.hasAcknowledgedLatest()
        let canPublish = plan.actor.can(.manageSettings)
        return try await req.view.render(
            "plan",
            Page(
                page: try await req.frame("plan.title"),
                // Under the page's own h1 and the section's h2: the plan's title is an h3.
                draft: plan.actor.can(.viewRegister) || canPublish
                    ? PlanMarkdown.html(try await plan.draft(in: req.pageLanguage), topLevel: 3) : "",
                versions: try await plan.versions().map {
                    Page.Version(
                        number: $0.number, publishedAt: req.display($0.publishedAt), publishedBy: $0.publishedBy ?? "")
                }, latest: latest, toAcknowledge: !done, canPublish: canPublish,
                reminders: canPublish ? try await plan.reminders().map(\.rawValue) : [],
                missing: canPublish ? try await plan.acknowledgements().missing.map(\.name) : []))
    }

    func version(_ req: Request) async throws -> View {
        guard let number = req.parameter(.number, as: Int.self) else { throw Refusal.notFound(.planVersion) }
        let version = try await req.plan.version(number, directoryNotice: req.t("plan.directoryRestricted"))
        return try await req.view.render(
            "plan-version",
            VersionPage(
                page: try await req.frame("plan.version", String(number)), number: number,
                content: PlanMarkdown.html(version.content ?? "")))
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
