import Foundation
import Vapor

/// The pages of Riposte and the forms they post to, as values: the routes are registered from
/// here (`pattern`), every redirect and link built in Swift comes from here (`url`), and the
/// templates name them (`#route("incident", number)`, `RouteTag`). A page's path is spelt once.
enum Route: Sendable, Equatable {
    case home
    /// The sign-in page; `next`, where to go after (a path of Riposte's own).
    case signIn(next: String? = nil)
    case signOut
    case setup
    case language
    case account
    case accountPassword
    case accountReachability
    case endSession(id: String)
    case tokens
    case revokeToken(id: String)
    /// One's calendar feed made or renewed, or ended (#20 point 5).
    case calendarFeed
    case calendarFeedRevoke
    /// The register, with its query (filters, sort, the next page's cursor).
    case register([URLQueryItem] = [])
    /// The register as CSV, with the page's filters (#16 point 7).
    case registerExport([URLQueryItem] = [])
    /// The register on paper, with the page's filters (#16 point 2).
    case registerPrint([URLQueryItem] = [])
    case newReport
    case incident(number: String)
    case incidentPrint(number: String)
    case incidentForm(number: String, IncidentForm)
    case checklistStep(number: String, item: String)
    case incidentPlan(number: String, plan: String)
    case review(number: String)
    case reviewPrint(number: String)
    case reviewMarkdown(number: String)
    /// The incident against the GDPR, NIS2 and DORA, and its deadlines (#17).
    case assessment(number: String)
    case obligationSubmission(number: String, step: String)
    case obligationDecision(number: String, step: String)
    /// The draft of what a step sends, to print and complete; and as Markdown.
    case obligationDraft(number: String, step: String)
    case obligationDraftMarkdown(number: String, step: String)
    /// What a drill showed: its timeline against the SLA, the answers to its alerts, its lessons (#20).
    case exerciseReport(number: String)
    /// The breach register (GDPR art. 33(5)) and its CSV.
    case breaches
    case breachesExport
    /// The regimes the organisation is under, its authorities (#17 point 1).
    case regulation
    case notifications
    case notificationRead(id: String)
    case notificationAcknowledge(id: String)
    case incidentAlertAcknowledge(number: String, id: String)
    case contacts
    /// One party of the directory: its form saved again, or deleted (#16 point 6).
    case contactForm(id: String, ContactForm)
    case documents
    case documentFile(id: String)
    case plan
    case planVersion(Int)
    case planPublish
    case planAcknowledge
    /// A part of the plan the organisation writes (#20 point 3).
    case planSection(key: String)
    /// The severities' checklists and the scenario playbooks (#20 point 2): the page, a new
    /// playbook, a severity's checklist, one playbook's form saved again or deleted.
    case playbooks
    /// The monitoring integrations (#18 point 2): the page, one's form saved or deleted.
    case integrations
    case integrationForm(id: String, ContactForm)
    /// A client's or supplier's report link (or the general one, id `general`) made or renewed,
    /// or revoked (#18 point 1).
    case reportLinkForm(id: String, ReportLinkForm)
    /// The intake mailbox and the helpdesk's phone the plan lists (#18 point 4).
    case reportingMeans
    /// The public pages of a report link and of a follow-up link: no account, the token is the key.
    case publicReport(token: String)
    case publicFollow(token: String)
    case playbookChecklist(key: String)
    case playbookReviewQuestions
    case playbookForm(id: String, ContactForm)
    case lessons
    /// How the organisation is doing over a period (#20 point 4).
    case indicators
    case followUps
    case followUpDone(id: String)
    case admin
    case gettingReady
    case gettingReadyTestEmail
    case messageTemplates
    case users
    case userForm(id: String, UserForm)
    case sla
    case activities
    /// The BCP's essential activities kept by the continuity manager (#16 point 6).
    case essentialActivities
    case essentialActivity(id: String, ActivityForm)
    case types
    case typeDelete(id: String)

    /// The forms of the incident page, each posted to its own path.
    enum IncidentForm: String, Sendable, CaseIterable {
        case qualify, transition, journal, clock, communications, parties, escalations, warnings, facts, owner
        case members, messages
        case statusReport = "status-report"
        case publicUpdates = "public-updates"
    }

    /// The forms about one report link.
    enum ReportLinkForm: String, Sendable, CaseIterable {
        case renew, revoke
    }

    /// The forms about one party of the directory.
    enum ContactForm: String, Sendable, CaseIterable {
        case save, delete
    }

    /// The forms about one essential activity.
    enum ActivityForm: String, Sendable, CaseIterable {
        case edit, retire
    }

    /// The forms of the administration page about one person.
    enum UserForm: String, Sendable, CaseIterable {
        case roles, disable, enable
        case passwordReset = "password-reset"
    }

    /// The values a path carries, by the name the controllers read them with.
    enum Parameter: String, Sendable {
        case number, id, itemId, plan, typeId, userId, step, key, token
    }

    enum Segment: Sendable, Equatable {
        case fixed(String)
        case value(Parameter, String)
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .signIn: [.fixed("login")]
        case .signOut: [.fixed("logout")]
        case .setup: [.fixed("setup")]
        case .language: [.fixed("language")]
        case .account: [.fixed("account")]
        case .accountPassword: [.fixed("account"), .fixed("password")]
        case .accountReachability: [.fixed("account"), .fixed("reachability")]
        case .endSession(let id): [.fixed("account"), .fixed("sessions"), .value(.id, id), .fixed("end")]
        case .tokens: [.fixed("account"), .fixed("tokens")]
        case .revokeToken(let id): [.fixed("account"), .fixed("tokens"), .value(.id, id), .fixed("revoke")]
        case .calendarFeed: [.fixed("account"), .fixed("calendar")]
        case .calendarFeedRevoke: [.fixed("account"), .fixed("calendar"), .fixed("revoke")]
        case .register: [.fixed("incidents")]
        case .registerExport: [.fixed("incidents"), .fixed("export.csv")]
        case .registerPrint: [.fixed("incidents"), .fixed("print")]
        case .newReport: [.fixed("incidents"), .fixed("new")]
        case .incident(let number): [.fixed("incidents"), .value(.number, number)]
        case .incidentPrint(let number): Route.incident(number: number).segments + [.fixed("print")]
        case .incidentForm(let number, let form): Route.incident(number: number).segments + [.fixed(form.rawValue)]
        case .checklistStep(let number, let item):
            Route.incident(number: number).segments + [.fixed("checklist"), .value(.itemId, item)]
        case .incidentPlan(let number, let plan):
            Route.incident(number: number).segments + [.fixed("plans"), .value(.plan, plan)]
        case .review(let number): Route.incident(number: number).segments + [.fixed("review")]
        case .reviewPrint(let number): Route.review(number: number).segments + [.fixed("print")]
        case .reviewMarkdown(let number): Route.incident(number: number).segments + [.fixed("review.md")]
        case .assessment(let number): Route.incident(number: number).segments + [.fixed("assessment")]
        case .exerciseReport(let number): Route.incident(number: number).segments + [.fixed("exercise")]
        case .obligationSubmission(let number, let step):
            Route.assessment(number: number).segments + [.value(.step, step), .fixed("submissions")]
        case .obligationDecision(let number, let step):
            Route.assessment(number: number).segments + [.value(.step, step), .fixed("decisions")]
        case .obligationDraft(let number, let step):
            Route.assessment(number: number).segments + [.value(.step, step), .fixed("draft")]
        case .obligationDraftMarkdown(let number, let step):
            Route.assessment(number: number).segments + [.value(.step, step), .fixed("draft.md")]
        case .breaches: [.fixed("breaches")]
        case .breachesExport: [.fixed("breaches"), .fixed("export.csv")]
        case .regulation: [.fixed("admin"), .fixed("regulation")]
        case .notifications: [.fixed("notifications")]
        case .notificationRead(let id): [.fixed("notifications"), .value(.id, id), .fixed("read")]
        case .notificationAcknowledge(let id): [.fixed("notifications"), .value(.id, id), .fixed("acknowledge")]
        case .incidentAlertAcknowledge(let number, let id):
            Route.incident(number: number).segments + [.fixed("alerts"), .value(.id, id), .fixed("acknowledge")]
        case .contacts: [.fixed("contacts")]
        case .contactForm(let id, let form): [.fixed("contacts"), .value(.id, id), .fixed(form.rawValue)]
        case .documents: [.fixed("documents")]
        case .documentFile(let id): [.fixed("documents"), .value(.id, id), .fixed("file")]
        case .plan: [.fixed("plan")]
        case .planVersion(let number): [.fixed("plan"), .fixed("versions"), .value(.number, String(number))]
        case .planPublish: [.fixed("plan"), .fixed("publish")]
        case .planAcknowledge: [.fixed("plan"), .fixed("acknowledge")]
        case .planSection(let key): [.fixed("plan"), .fixed("sections"), .value(.key, key)]
        case .playbooks: [.fixed("playbooks")]
        case .integrations: [.fixed("admin"), .fixed("integrations")]
        case .integrationForm(let id, let form):
            [.fixed("admin"), .fixed("integrations"), .value(.id, id), .fixed(form.rawValue)]
        case .reportLinkForm(let id, let form):
            [.fixed("contacts"), .fixed("report-links"), .value(.id, id), .fixed(form.rawValue)]
        case .reportingMeans: [.fixed("contacts"), .fixed("reporting")]
        case .publicReport(let token): [.fixed("report"), .value(.token, token)]
        case .publicFollow(let token): [.fixed("follow"), .value(.token, token)]
        case .playbookChecklist(let key): [.fixed("playbooks"), .fixed("checklists"), .value(.key, key)]
        case .playbookReviewQuestions: [.fixed("playbooks"), .fixed("review-questions")]
        case .playbookForm(let id, let form): [.fixed("playbooks"), .value(.id, id), .fixed(form.rawValue)]
        case .lessons: [.fixed("lessons")]
        case .indicators: [.fixed("indicators")]
        case .followUps: [.fixed("lessons"), .fixed("follow-ups")]
        case .followUpDone(let id): Route.followUps.segments + [.value(.id, id), .fixed("done")]
        case .admin: [.fixed("admin")]
        case .gettingReady: [.fixed("getting-ready")]
        case .gettingReadyTestEmail: [.fixed("getting-ready"), .fixed("test-email")]
        case .messageTemplates: [.fixed("admin"), .fixed("message-templates")]
        case .users: [.fixed("admin"), .fixed("users")]
        case .userForm(let id, let form): Route.users.segments + [.value(.userId, id), .fixed(form.rawValue)]
        case .sla: [.fixed("admin"), .fixed("sla")]
        case .activities: [.fixed("admin"), .fixed("activities")]
        case .essentialActivities: [.fixed("activities")]
        case .essentialActivity(let id, let form): [.fixed("activities"), .value(.id, id), .fixed(form.rawValue)]
        case .types: [.fixed("admin"), .fixed("types")]
        case .typeDelete(let id): Route.types.segments + [.value(.typeId, id), .fixed("delete")]
        }
    }

    /// What a value may hold in a path: anything but a separator, percent-encoded.
    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    /// The path and query, as a link or a `Location` header holds it.
    var url: String {
        let path =
            "/"
            + segments.map { segment in
                switch segment {
                case .fixed(let text): text
                case .value(_, let value):
                    value.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? ""
                }
            }.joined(separator: "/")
        switch self {
        case .signIn(let next?):
            return path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
        case .register(let items) where !items.isEmpty, .registerExport(let items) where !items.isEmpty,
            .registerPrint(let items) where !items.isEmpty:
            var components = URLComponents()
            components.queryItems = items
            return path + "?" + (components.percentEncodedQuery ?? "")
        default:
            return path
        }
    }

    /// The path as the router matches it, its values named (`:number`); what a route's values
    /// hold does not change it.
    var pattern: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .fixed(let text): .constant(text)
            case .value(let parameter, _): .parameter(parameter.rawValue)
            }
        }
    }
}

extension Request {
    /// A redirect to one of Riposte's pages (303 after a form, as every redirect of the pages).
    func redirect(to route: Route, redirectType: Redirect = .normal) -> Response {
        redirect(to: route.url, redirectType: redirectType)
    }

    /// A value of the route's path, read as `type`; nil when it does not read as one.
    func parameter<T: LosslessStringConvertible>(_ parameter: Route.Parameter, as type: T.Type = String.self) -> T? {
        parameters.get(parameter.rawValue, as: type)
    }
}
