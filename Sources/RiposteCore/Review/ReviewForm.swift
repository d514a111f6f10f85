/// The post-incident review form of §4.6, section by section; the words are in the catalogues
/// (`review.section.<key>`, `review.question.<key>`, `review.choice.<code>`).
/// Some answers are filled in from the incident (`ReviewPrefill`); the choice lists are the
/// template's own.
public struct ReviewQuestion: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Free text.
        case text
        case yesNo
        /// One of the listed answers (keys), each with its words.
        case choice([String])
        /// Filled in from the incident; shown, not typed.
        case prefilled
        /// Filled in from the incident until someone corrects it; then typed like text.
        case suggested
    }

    public let key: String
    public let kind: Kind
    /// The review is complete only when every required question has an answer.
    public let required: Bool

    public var textKey: String { "review.question.\(key)" }
}

public struct ReviewSection: Sendable, Equatable {
    public let key: String
    public let questions: [ReviewQuestion]

    public var titleKey: String { "review.section.\(key)" }
}

public enum ReviewForm {
    static func q(
        _ key: String, _ kind: ReviewQuestion.Kind = .text, required: Bool = true
    ) -> ReviewQuestion {
        ReviewQuestion(key: key, kind: kind, required: required)
    }

    static func s(_ key: String, _ questions: [ReviewQuestion]) -> ReviewSection {
        ReviewSection(key: key, questions: questions)
    }

    /// The answers a choice question may take (`yes` and `no` for the yes/no questions).
    public static let choices: Set<String> = [
        "rto.none", "rto.some", "rto.all", "management.none", "management.partial", "management.full", "staff.1",
        "staff.2", "staff.3", "yes", "no",
    ]

    public static func choiceKey(_ code: String) -> String { "review.choice.\(code)" }

    public static let sections: [ReviewSection] = [
        s(
            "administration",
            [
                q("number", .prefilled),
                q("detectedAt", .prefilled),
                q("resolvedAt", .prefilled),
                q("type", .prefilled),
                q(
                    "severity",
                    .prefilled),
                q("customersAffected", .prefilled),
                // The incident's owner (#16 point 5), whom the review may correct.
                q("manager", .suggested, required: false),
                q("description", .prefilled),
            ]),
        s(
            "detection",
            [
                q("detection.how"),
                q("detection.early"),
                q("detection.tools", required: false),
                q(
                    "detection.procedures", .yesNo
                ),
            ]),
        s(
            "evaluation",
            [
                q("evaluation.correct", .yesNo),
                q(
                    "evaluation.information",
                    .yesNo),
                q(
                    "plansActivated",
                    .prefilled),
                q(
                    "cmpActivated",
                    .prefilled),
                q("evaluation.otherMeasures", required: false),
                q("evaluation.resources"),
                q("evaluation.flexible", .yesNo),
                q("evaluation.timely", .yesNo),
            ]),
        s(
            "communication",
            [
                q("communication.internal", .yesNo),
                q("communication.external", .yesNo),
                q("communication.media", .prefilled),
                q("communication.firstAndFrequency", .prefilled),
                q("communication.involved", .yesNo),
                q("communication.useful", required: false),
                q(
                    "communication.ineffective",
                    required: false),
            ]),
        s(
            "rootCause",
            [
                q("rootCause.found", .yesNo),
                q("relatedIncidents", .prefilled),
                q("rootCause.underlying"),
                q("rootCause.underlyingFound", .yesNo),
            ]),
        s(
            "prevention",
            [
                q("prevention.learned"),
                q("prevention.measures"),
            ]),
        s(
            "management",
            [
                q("recoveryVsRTO", .prefilled),
                q(
                    "management.rto",
                    .choice(["rto.none", "rto.some", "rto.all"])),
                q("management.contracts", .yesNo),
                q(
                    "management.response",
                    .choice(["management.none", "management.partial", "management.full"])),
                q(
                    "management.staff",
                    .choice(["staff.1", "staff.2", "staff.3"])),
            ]),
        s(
            "improvements",
            [
                q("improvements.adjust"),
                q("feedback.riskAssessment", .yesNo),
                q("feedback.bcp", .yesNo),
            ]),
        s(
            "damages",
            [
                q("damages.claims", .yesNo),
                q("damages.thirdParties", required: false),
            ]),
        s(
            "misc",
            [
                q("misc.notes", required: false)
            ]),
    ]

    public static var questions: [ReviewQuestion] { sections.flatMap(\.questions) }

    public static func question(_ key: String) -> ReviewQuestion? { questions.first { $0.key == key } }

    /// The follow-up each feedback flag of chapter II creates, and whose task it is; its title is
    /// `review.task.<key>`.
    public static let feedbackTasks: [(key: String, role: Role, titleKey: String)] = [
        ("feedback.riskAssessment", .continuityManager, "review.task.feedback.riskAssessment"),
        ("management.contracts", .admin, "review.task.management.contracts"),
        ("feedback.bcp", .continuityManager, "review.task.feedback.bcp"),
    ]

    /// Every catalogue key of the form.
    public static var textKeys: [String] {
        sections.map(\.titleKey) + questions.map(\.textKey) + choices.map(choiceKey) + feedbackTasks.map(\.titleKey)
    }
}
