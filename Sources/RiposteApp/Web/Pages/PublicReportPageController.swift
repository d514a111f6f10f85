import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/report/{token}` and `/follow/{token}` (#18 point 1): the pages a client, a supplier or a
/// visitor uses without an account. In the visitor's language (their browser's, or the one they
/// choose, `?lang=`), without JavaScript; an unknown or revoked token is any unknown page (404).
/// Nothing typed here is shown unescaped: the templates print every value as text.
struct PublicReportPageController {
    struct ReportPage: Encodable {
        let page: PageFrame
        let token: String
        let partyName: String?
        let organisation: String
        let form: FormState
    }

    struct FollowPage: Encodable {
        struct Item: Encodable {
            let at: String
            let text: String
            let mine: Bool
        }

        let page: PageFrame
        let token: String
        let number: String
        let title: String
        let reportedAt: String
        let stage: String
        let name: String
        let timeline: [Item]
        let acceptsInformation: Bool
        /// Just filed: the page is the receipt.
        let receipt: Bool
        let form: FormState
    }

    struct ReportFields: Content {
        var title: String?
        var description: String?
        var name: String?
        var email: String?
        var phone: String?
        var noticedAt: String?
        /// The honeypot: hidden from people, filled by robots.
        var website: String?
    }

    func show(_ req: Request) async throws -> Response {
        Self.chooseLanguage(req)
        let link = try await req.publicReports.link(Self.token(req))
        return try await render(req, link: link, form: FormState())
    }

    func submit(_ req: Request) async throws -> Response {
        Self.chooseLanguage(req)
        let actions = try await req.publicReports
        let token = Self.token(req)
        let link = try await actions.link(token)
        let fields = try req.content.decode(ReportFields.self)
        var form = FormState(values: [
            "title": fields.title ?? "", "description": fields.description ?? "", "name": fields.name ?? "",
            "email": fields.email ?? "", "phone": fields.phone ?? "", "noticedAt": fields.noticedAt ?? "",
        ])
        guard (fields.website ?? "").isEmpty else {
            form.errors["website"] = req.t("public.honeypot")
            return try await render(req, link: link, form: form, status: .unprocessableEntity)
        }
        guard case .success(let noticedAt) = req.parseLocal(fields.noticedAt) else {
            form.errors["noticedAt"] = req.t("error.invalid")
            return try await render(req, link: link, form: form, status: .unprocessableEntity)
        }
        let (now, language) = (req.now, req.pageLanguage)
        let typed = PublicReport(
            title: fields.title ?? "", description: fields.description ?? "", name: fields.name ?? "",
            email: fields.email ?? "", phone: fields.phone, noticedAt: noticedAt)
        do {
            // Checked before it counts: a typing mistake does not use up the visitor's reports.
            let report = try FieldError.check { () throws(FieldError) in try typed.validated(at: now) }
            let keys = [
                ("report-link:\(link.id)", RateWindow.reportsPerLink),
                ("report-address:\(req.clientAddress)", RateWindow.reportsPerAddress),
            ]
            if let wait = req.application.publicLimiter.admit(keys, at: now) {
                return try await tooMany(req, wait: wait, "public.wait") { alert in
                    try await render(req, link: link, form: form, alert: alert, status: .tooManyRequests)
                }
            }
            let publicURL = req.application.notificationSettings.publicURL
            let filed = try await actions.file(report, through: link, language: language) { follow in
                // Only the configured address: a link built from the request's Host would let a
                // visitor have the organisation mail anyone a link to a host of their choosing.
                publicURL.map { $0 + Self.url(.publicFollow(token: follow), language) }
            }
            return req.redirect(to: Self.url(.publicFollow(token: filed.followToken), language) + "&receipt=1")
        } catch {
            guard let error = APIError.refusing(error), let field = error.field else { throw error }
            form.errors[field] = req.message(for: error)
            return try await render(req, link: link, form: form, status: error.status)
        }
    }

    func follow(_ req: Request) async throws -> Response {
        Self.chooseLanguage(req)
        return try await renderFollow(req, form: FormState())
    }

    /// What the reporter adds; the page again, with what they added in it.
    func addInformation(_ req: Request) async throws -> Response {
        Self.chooseLanguage(req)
        let actions = try await req.publicReports
        let token = Self.token(req)
        let (reporter, view) = try await actions.follow(token)
        let text = (try? req.content.get(String.self, at: "text")) ?? ""
        var form = FormState(values: ["text": text])
        guard view.stage.acceptsInformation else {
            form.errors["text"] = req.t("public.follow.closed")
            return try await renderFollow(req, form: form, status: .conflict)
        }
        let keys = [
            ("follow:\(TokenDigest.digest(token))", RateWindow.additionsPerFollowLink),
            ("report-address:\(req.clientAddress)", RateWindow.reportsPerAddress),
        ]
        if let wait = req.application.publicLimiter.admit(keys, at: req.now) {
            return try await tooMany(req, wait: wait, "public.wait.follow") { alert in
                try await renderFollow(req, form: form, alert: alert, status: .tooManyRequests)
            }
        }
        do {
            try await actions.addInformation(text, to: reporter)
            req.leaveNotice("public.follow.added")
            return req.redirect(to: Self.url(.publicFollow(token: token), req.pageLanguage))
        } catch {
            guard let error = APIError.refusing(error), error.field != nil else { throw error }
            form.errors["text"] = req.message(for: error)
            return try await renderFollow(req, form: form, status: error.status)
        }
    }

    // MARK: rendering

    private func render(
        _ req: Request, link: ReportLinkStore.Record, form: FormState, alert: String? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let page = ReportPage(
            page: try await req.frame("public.report.title", alert: alert ?? Self.fix(req, form)),
            token: Self.token(req), partyName: link.partyName, organisation: req.organisation.name, form: form)
        let response = try await req.view.render("public-report", page).encodeResponse(for: req)
        response.status = status
        Self.keepPrivate(response)
        return response
    }

    private func renderFollow(
        _ req: Request, form: FormState, alert: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let token = Self.token(req)
        let (_, view) = try await req.publicReports.follow(token)
        let page = FollowPage(
            page: try await req.frame("public.follow.title", view.number, alert: alert ?? Self.fix(req, form)),
            token: token, number: view.number, title: view.title, reportedAt: req.display(view.reportedAt),
            stage: view.stage.rawValue, name: view.reporterName,
            timeline: view.timeline.map { FollowPage.Item(at: req.display($0.at), text: $0.text, mine: $0.mine) },
            acceptsInformation: view.stage.acceptsInformation,
            receipt: req.query[String.self, at: "receipt"] == "1", form: form)
        let response = try await req.view.render("public-follow", page).encodeResponse(for: req)
        response.status = status
        Self.keepPrivate(response)
        return response
    }

    /// The page again with `key`'s sentence (how many minutes to wait) and `Retry-After`.
    private func tooMany(
        _ req: Request, wait: TimeInterval, _ key: String, _ render: (String) async throws -> Response
    ) async throws -> Response {
        let seconds = max(1, Int(wait.rounded(.up)))
        let minutes = String(max(1, (seconds + 59) / 60))
        let response = try await render(req.t(key, minutes))
        response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
        return response
    }

    // MARK: support

    /// The sentence above a refused form.
    static func fix(_ req: Request, _ form: FormState) -> String? {
        form.errors.isEmpty ? nil : req.t("form.fix")
    }

    static func token(_ req: Request) -> String {
        req.parameter(.token) ?? ""
    }

    /// `?lang=` (or the form's `lang`) chooses the page's language; else the browser's.
    static func chooseLanguage(_ req: Request) {
        let asked = req.query[String.self, at: "lang"] ?? (try? req.content.get(String.self, at: "lang"))
        if let asked, let language = Language(rawValue: asked) { req.pageLanguage = language }
    }

    /// The page's path in `language`.
    static func url(_ route: Route, _ language: Language) -> String {
        route.url + "?lang=" + language.rawValue
    }

    /// The address holds the secret: no cache keeps the page (the referrer policy of every page
    /// already keeps it from other sites).
    static func keepPrivate(_ response: Response) {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    }
}
