import RiposteCore
import Vapor

/// An error the API reports as `{ "error": { "code", "message", "field"? } }`: a refusal of any
/// layer mapped to its status. The message is a text of the catalogues (`api.…`), said in the
/// client's `Accept-Language`, English when it names none. Every code is listed in the OpenAPI
/// document's `ErrorCode` enum; a test keeps them in step.
struct APIError: Error, Sendable {
    let status: HTTPResponseStatus
    let code: String
    /// The message's key in the catalogues, and what fills it in.
    let messageKey: String
    let arguments: [String]
    let field: String?
    /// The limit broken, for `too_long` and `out_of_range` (the pages say it).
    var limit: Int?

    init(
        _ status: HTTPResponseStatus, code: String, message messageKey: String, _ arguments: [String] = [],
        field: String? = nil, limit: Int? = nil
    ) {
        self.status = status
        self.code = code
        self.messageKey = messageKey
        self.arguments = arguments
        self.field = field
        self.limit = limit
    }

    func message(in language: Language, wording: some Wording) -> String {
        wording.text(messageKey, language, arguments)
    }

    static let allCodes: [String] = [
        "malformed_json", "invalid_type", "invalid_parameter", "unsupported_media_type",
        "unauthorized", "forbidden", "not_found", "payload_too_large", "precondition_failed",
        "required", "too_long", "too_many", "out_of_range", "invalid", "unknown", "too_common",
        "illegal_transition", "qualify_instead", "cannot_qualify", "unchanged", "reason_required",
        "incident_finished", "step_already_done", "clock_already_paused", "clock_not_paused", "already_exists",
        "illegal_plan", "plan_already_active", "plan_not_active", "no_decision_awaited", "already_agreed",
        "irp_runs_until_resolved", "irp_still_active", "not_an_alert", "not_applicable", "already_settled",
        "notification_required",
        "plan_agreement_required",
        "last_admin", "review_incomplete", "not_a_handler", "exercise_stays_inside", "exercise_is_fixed",
        "not_an_exercise", "email_not_configured", "email_failed",
        "method_not_allowed", "unavailable", "internal", "invalid_payload", "rate_limited",
    ]

    /// The server is too busy to take this request now (a database connection or a password
    /// check waited too long): try again after `retryAfterSeconds`; nothing was done.
    static let unavailable = APIError(.serviceUnavailable, code: "unavailable", message: "api.unavailable")
    static let retryAfterSeconds = 2

    /// A monitoring payload that is not what its sender documents, by the field's path (#18).
    static func invalidPayload(_ malformed: MalformedPayload) -> APIError {
        APIError(
            .badRequest, code: "invalid_payload", message: "api.invalid_payload", [malformed.path],
            field: malformed.path)
    }

    /// More deliveries than an integration may make in a second: try again after a second.
    static let rateLimited = APIError(.tooManyRequests, code: "rate_limited", message: "api.rate_limited")

    /// A fault of Riposte's: logged, never described to the client.
    static let internalError = APIError(.internalServerError, code: "internal", message: "api.internal")

    static let unauthorized = APIError(.unauthorized, code: "unauthorized", message: "api.unauthorized")

    static let stale = APIError(.preconditionFailed, code: "precondition_failed", message: "api.stale")

    static let notJSON = APIError(
        .unsupportedMediaType, code: "unsupported_media_type", message: "api.unsupported_media_type")

    static let bodyTooLarge = APIError(.payloadTooLarge, code: "payload_too_large", message: "api.body_too_large")

    static func invalidParameter(_ name: String) -> APIError {
        APIError(
            .badRequest, code: "invalid_parameter", message: "api.invalid_parameter",
            [name.isEmpty ? "—" : name], field: name)
    }

    /// The API's answer to a refusal from any layer; nil for an error that is a fault.
    static func refusing(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError: error
        case let error as Refusal: APIError(error)
        case let error as FieldError: APIError(error)
        case let error as LifecycleError: APIError(error)
        case let error as MalformedPayload: APIError.invalidPayload(error)
        default: nil
        }
    }

    init(_ refusal: Refusal) {
        switch refusal {
        case .notFound(let subject):
            self.init(.notFound, code: refusal.code, message: "api.not_found.\(subject.rawValue)")
        case .stale: self = .stale
        case .unauthenticated: self = .unauthorized
        case .notTheReporter: self.init(.forbidden, code: refusal.code, message: "api.not_the_reporter")
        case .alreadyExists(let subject, let field):
            self.init(
                .conflict, code: refusal.code, message: "api.already_exists.\(subject.rawValue)", [field], field: field)
        case .lastAdministrator:
            self.init(.conflict, code: refusal.code, message: "api.last_admin", field: refusal.field)
        case .ownAccount: self.init(.conflict, code: refusal.code, message: "api.own_account")
        case .notAnAlert: self.init(.conflict, code: refusal.code, message: "api.not_an_alert")
        case .notApplicable(let step):
            self.init(
                .conflict, code: refusal.code, message: "api.not_applicable", [step.rawValue], field: refusal.field)
        case .alreadySettled(let step):
            self.init(
                .conflict, code: refusal.code, message: "api.already_settled", [step.rawValue], field: refusal.field)
        case .notificationRequired(let step):
            self.init(
                .conflict, code: refusal.code, message: "api.notification_required", [step.rawValue],
                field: refusal.field)
        }
    }

    init(_ error: FieldError) {
        let limit = error.limit.map(String.init) ?? ""
        self.init(
            .unprocessableEntity, code: error.problem.rawValue, message: "api.field.\(error.problem.rawValue)",
            [error.field, limit], field: error.field, limit: error.limit)
    }

    init(_ error: LifecycleError) {
        let code = error.code
        switch error {
        case .forbidden(let action):
            self.init(.forbidden, code: code, message: "api.forbidden", [action.rawValue])
        case .illegalTransition(let from, let to):
            self.init(
                .conflict, code: code, message: "api.illegal_transition", [from.rawValue, to.rawValue], field: "to")
        case .qualifyInstead: self.init(.conflict, code: code, message: "api.qualify_instead", field: "to")
        case .cannotQualify(let status):
            self.init(.conflict, code: code, message: "api.cannot_qualify", [status.rawValue])
        case .unchanged: self.init(.conflict, code: code, message: "api.unchanged")
        case .reasonRequired:
            self.init(.unprocessableEntity, code: code, message: "api.reason_required", field: "reason")
        case .incidentFinished(let status):
            self.init(.conflict, code: code, message: "api.incident_finished", [status.rawValue])
        case .stepAlreadyDone: self.init(.conflict, code: code, message: "api.step_already_done")
        case .clockAlreadyPaused: self.init(.conflict, code: code, message: "api.clock_already_paused")
        case .clockNotPaused: self.init(.conflict, code: code, message: "api.clock_not_paused")
        case .illegalPlan(let plan):
            self.init(
                .unprocessableEntity, code: code, message: "api.illegal_plan", [plan.rawValue.uppercased()],
                field: "plan")
        case .planAlreadyActive(let plan):
            self.init(.conflict, code: code, message: "api.plan_already_active", [plan.rawValue.uppercased()])
        case .planNotActive(let plan):
            self.init(.conflict, code: code, message: "api.plan_not_active", [plan.rawValue.uppercased()])
        case .irpRunsUntilResolved: self.init(.conflict, code: code, message: "api.irp_runs_until_resolved")
        case .irpStillActive: self.init(.conflict, code: code, message: "api.irp_still_active", field: "to")
        case .noDecisionAwaited(let plan):
            self.init(.conflict, code: code, message: "api.no_decision_awaited", [plan.rawValue.uppercased()])
        case .alreadyAgreed(let plan):
            self.init(.conflict, code: code, message: "api.already_agreed", [plan.rawValue.uppercased()])
        case .reviewIncomplete:
            self.init(.conflict, code: code, message: "api.review_incomplete", field: "to")
        case .notAHandler:
            self.init(.unprocessableEntity, code: code, message: "api.not_a_handler", field: "userId")
        case .exerciseStaysInside(let channel):
            self.init(.conflict, code: code, message: "api.exercise_stays_inside", [channel.rawValue])
        case .exerciseIsFixed: self.init(.conflict, code: code, message: "api.exercise_is_fixed", field: "exercise")
        case .planAgreementRequired(let plans):
            let names = plans.map { $0.rawValue.uppercased() }.joined(separator: ", ")
            self.init(.conflict, code: code, message: "api.plan_agreement_required", [names], field: "to")
        }
    }
}

struct APIErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let field: String?
    }

    let error: Detail
}
