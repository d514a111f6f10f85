/// A question the organisation adds to the post-incident review (the "…" rows of §4.6), in
/// one of the form's sections; optional, answered in its own words. Removed, it retires: the
/// reviews that answered it keep the question with the answer.
public struct ExtraQuestion: Sendable, Equatable, Codable {
    /// `extra.…`, kept when the question is reworded; the review's answers use it.
    public let key: String
    public var text: String
    /// The key of the form's section it follows.
    public var section: String
    public var retired: Bool

    public init(key: String, text: String, section: String, retired: Bool = false) {
        self.key = key
        self.text = text
        self.section = section
        self.retired = retired
    }

    static let prefix = "extra."

    public static func isExtraKey(_ key: String) -> Bool { key.hasPrefix(prefix) }
}

/// An extra question as sent: its key to reword it, none for a new one.
public struct ExtraQuestionDraft: Sendable, Equatable, Codable {
    public var key: String?
    public var text: String
    public var section: String

    public init(key: String? = nil, text: String, section: String) {
        self.key = key
        self.text = text
        self.section = section
    }
}

public enum ExtraQuestions {
    public static let maxQuestions = 30
    public static let maxText = 500

    /// The organisation's questions after it sends `drafts` (the whole list, in order): a
    /// known key is reworded or moved, a new question is keyed by its words, those left out
    /// retire. Refused with the draft's field: no words, too long, an unknown section or key,
    /// the same question twice, too many.
    public static func revised(
        _ current: [ExtraQuestion], with drafts: [ExtraQuestionDraft], field: String = "questions"
    ) throws(FieldError) -> [ExtraQuestion] {
        guard drafts.count <= maxQuestions else {
            throw FieldError(field: field, problem: .tooMany, limit: maxQuestions)
        }
        let sections = Set(ReviewForm.sections.map(\.key))
        let known = Dictionary(current.map { ($0.key, $0) }) { first, _ in first }
        var kept: [ExtraQuestion] = []
        var keys = Set<String>()
        for (index, draft) in drafts.enumerated() {
            let path = "\(field)[\(index)]"
            let text = try TextRule.required(draft.text, field: "\(path).text", max: maxText)
            try WrittenSteps.oneLine(text, field: "\(path).text")
            guard sections.contains(draft.section) else {
                throw FieldError(field: "\(path).section", problem: .unknown)
            }
            let key: String
            if let given = draft.key {
                guard known[given] != nil else { throw FieldError(field: "\(path).key", problem: .unknown) }
                key = given
            } else {
                key = ExtraQuestion.prefix + WrittenSteps.fingerprint(text)
            }
            guard keys.insert(key).inserted, !kept.contains(where: { $0.text == text }) else {
                throw FieldError(field: "\(path).text", problem: .invalid)
            }
            kept.append(ExtraQuestion(key: key, text: text, section: draft.section))
        }
        let retired = current.filter { !keys.contains($0.key) }.map {
            ExtraQuestion(key: $0.key, text: $0.text, section: $0.section, retired: true)
        }
        return kept + retired
    }

    /// The questions a review shows: those in use, and retired ones it answered.
    public static func shown(_ questions: [ExtraQuestion], answers: [String: String]) -> [ExtraQuestion] {
        questions.filter { !$0.retired || !(answers[$0.key] ?? "").isEmpty }
    }
}
