/// Why Riposte did not do what was asked, when neither the input (`FieldError`) nor the plan's
/// rules (`LifecycleError`) are at fault. Like them it knows nothing of HTTP: whichever door
/// the request came through maps it, the API to a status and its JSON error, the pages to a
/// message in the person's language, the commands to a line on standard error.
public enum Refusal: Error, Equatable, Sendable {
    /// What was named does not exist, or is not for this person to know of.
    case notFound(Subject)
    /// The incident changed since the person read it: they act on what they have not seen.
    case stale
    /// Nobody is signed in, or the token or session is not (any more) valid.
    case unauthenticated
    /// A reporter asked for an incident somebody else reported.
    case notTheReporter
    /// `field` must be unique and its value is taken.
    case alreadyExists(Subject, field: String)
    /// The last active administrator would lose the role: nobody could manage Riposte.
    case lastAdministrator
    /// An administrator asked to disable their own account.
    case ownAccount
    /// A notification that is no alert was acknowledged: only alerts wait for an answer.
    case notAnAlert
    /// A step of the law that does not apply: the organisation is not under its regime, or the
    /// incident's assessment does not call for it (#17).
    case notApplicable(ObligationStep)
    /// A decision or progress report on a step already settled.
    case alreadySettled(ObligationStep)
    /// A decision not to notify where the assessment says people are at risk (GDPR art. 33(1)).
    case notificationRequired(ObligationStep)

    /// The things a refusal can be about.
    public enum Subject: String, Sendable, CaseIterable {
        case incident, user, token, session, notification, webhook
        case document, documentFile, plan, planVersion, planSection
        case incidentType, essentialActivity, party, checklistItem, followUp, obligation, calendar, playbook
        case integration, reportLink
    }

    /// The stable code clients branch on; the same set as the API's `ErrorCode`.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .stale: "precondition_failed"
        case .unauthenticated: "unauthorized"
        case .notTheReporter: "forbidden"
        case .alreadyExists: "already_exists"
        case .lastAdministrator: "last_admin"
        case .ownAccount: "invalid"
        case .notAnAlert: "not_an_alert"
        case .notApplicable: "not_applicable"
        case .alreadySettled: "already_settled"
        case .notificationRequired: "notification_required"
        }
    }

    /// The input field at fault, when one is.
    public var field: String? {
        switch self {
        case .alreadyExists(_, let field): field
        case .lastAdministrator: "roles"
        case .notApplicable, .alreadySettled, .notificationRequired: "step"
        case .notFound, .stale, .unauthenticated, .notTheReporter, .ownAccount, .notAnAlert: nil
        }
    }
}
