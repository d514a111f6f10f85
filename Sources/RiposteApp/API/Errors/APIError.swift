import RiposteCore
import Vapor

/// An error the API reports as `{ "error": { "code", "message", "field"? } }`.
/// Every code is listed in the OpenAPI document's `ErrorCode` enum; a test keeps them in step.
struct APIError: Error, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let field: String?
    /// The limit broken, for `too_long` and `out_of_range` (the pages say it).
    var limit: Int?

    init(_ status: HTTPResponseStatus, code: String, message: String, field: String? = nil, limit: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.limit = limit
    }

    static let allCodes: [String] = [
        "malformed_json", "invalid_type", "invalid_parameter", "unsupported_media_type",
        "unauthorized", "forbidden", "not_found", "payload_too_large", "precondition_failed",
        "required", "too_long", "out_of_range", "invalid", "unknown", "too_common",
        "illegal_transition", "qualify_instead", "cannot_qualify", "unchanged", "reason_required",
        "incident_finished", "step_already_done", "clock_already_paused", "clock_not_paused", "already_exists",
        "illegal_plan", "plan_already_active", "plan_not_active", "already_agreed", "plan_agreement_required",
        "last_admin", "review_incomplete",
        "method_not_allowed", "unavailable", "internal",
    ]

    /// The server is too busy to take this request now (a database connection or a password
    /// check waited too long): try again after `retryAfterSeconds`; nothing was done.
    static let unavailable = APIError(
        .serviceUnavailable, code: "unavailable", message: "The server is busy; try again in a moment.")
    static let retryAfterSeconds = 2

    /// The API's answer to a refusal from any layer; nil for an error that is a fault.
    static func refusing(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError: error
        case let error as Refusal: APIError(error)
        case let error as FieldError: APIError(error)
        case let error as LifecycleError: APIError(error)
        default: nil
        }
    }

    init(_ refusal: Refusal) {
        switch refusal {
        case .notFound(let subject):
            self.init(.notFound, code: refusal.code, message: "\(Self.name(of: subject)) not found.")
        case .stale: self = .stale
        case .unauthenticated: self = .unauthorized
        case .notTheReporter:
            self.init(.forbidden, code: refusal.code, message: "You may only see the incidents you reported.")
        case .alreadyExists(let subject, let field):
            self.init(
                .conflict, code: refusal.code,
                message: "\(Self.name(of: subject)) with this \(field) already exists.", field: field)
        case .lastAdministrator:
            self.init(
                .conflict, code: refusal.code, message: "The last administrator keeps the admin role.",
                field: refusal.field)
        case .ownAccount:
            self.init(.conflict, code: refusal.code, message: "An administrator cannot disable their own account.")
        }
    }

    private static func name(of subject: Refusal.Subject) -> String {
        switch subject {
        case .incident: "Incident"
        case .user: "User"
        case .token: "Token"
        case .session: "Session"
        case .notification: "Notification"
        case .webhook: "Webhook"
        case .document: "Document"
        case .documentFile: "Document file"
        case .plan: "Plan"
        case .planVersion: "Plan version"
        case .incidentType: "Incident type"
        case .essentialActivity: "Essential activity"
        case .party: "Party"
        case .checklistItem: "Checklist item"
        case .followUp: "Follow-up"
        }
    }

    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", message: "Missing or invalid bearer token.")

    static let stale = APIError(
        .preconditionFailed, code: "precondition_failed",
        message: "The incident changed since you read it (If-Match does not match its ETag). Fetch it again.")

    static func invalidParameter(_ name: String, _ why: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", message: why, field: name)
    }

    init(_ error: FieldError) {
        let message: String
        switch error.problem {
        case .required: message = "\(error.field) is required."
        case .tooLong: message = "\(error.field) is too long (at most \(error.limit ?? 0))."
        case .outOfRange: message = "\(error.field) is out of range."
        case .invalid: message = "\(error.field) is not valid."
        case .unknown: message = "\(error.field) names something that does not exist."
        case .tooCommon: message = "\(error.field) is one of the most common passwords; choose another."
        }
        self.init(
            .unprocessableEntity, code: error.problem.rawValue, message: message, field: error.field, limit: error.limit
        )
    }

    init(_ error: LifecycleError) {
        switch error {
        case .forbidden(let action):
            self.init(
                .forbidden, code: error.code, message: "Your roles do not allow this action (\(action.rawValue)).")
        case .illegalTransition(let from, let to):
            self.init(
                .conflict, code: error.code,
                message: "An incident cannot go from \(from.rawValue) to \(to.rawValue).", field: "to")
        case .qualifyInstead:
            self.init(
                .conflict, code: error.code, message: "Use POST /incidents/{id}/qualify to qualify an incident.",
                field: "to")
        case .cannotQualify(let status):
            self.init(.conflict, code: error.code, message: "A \(status.rawValue) incident can no longer be qualified.")
        case .unchanged:
            self.init(.conflict, code: error.code, message: "The incident already has this type and severity.")
        case .reasonRequired:
            self.init(.unprocessableEntity, code: error.code, message: "This change needs a reason.", field: "reason")
        case .incidentFinished(let status):
            self.init(.conflict, code: error.code, message: "A \(status.rawValue) incident cannot be changed any more.")
        case .stepAlreadyDone:
            self.init(.conflict, code: error.code, message: "This checklist step is already done.")
        case .clockAlreadyPaused:
            self.init(.conflict, code: error.code, message: "The SLA clock is already paused.")
        case .clockNotPaused:
            self.init(.conflict, code: error.code, message: "The SLA clock is not paused.")
        case .illegalPlan(let plan):
            self.init(
                .unprocessableEntity, code: error.code,
                message: "This cannot be done to the \(plan.rawValue.uppercased()); plans are bcp, cmp and drp.",
                field: "plan")
        case .planAlreadyActive(let plan):
            self.init(.conflict, code: error.code, message: "The \(plan.rawValue.uppercased()) is already active.")
        case .planNotActive(let plan):
            self.init(.conflict, code: error.code, message: "The \(plan.rawValue.uppercased()) is not active.")
        case .alreadyAgreed(let plan):
            self.init(
                .conflict, code: error.code,
                message: "The \(plan.rawValue.uppercased()) manager already agreed to close this incident.")
        case .reviewIncomplete:
            self.init(
                .conflict, code: error.code,
                message: "The post-incident review is not complete yet (§4.6): answer its required questions first.",
                field: "to")
        case .planAgreementRequired(let plans):
            let names = plans.map { $0.rawValue.uppercased() }.joined(separator: ", ")
            self.init(
                .conflict, code: error.code,
                message: "Closing needs the agreement of the manager of the active \(names) (§4.5).", field: "to")
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
