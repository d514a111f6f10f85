import Foundation

/// A step as a person sends it: the key of a template step to keep, or words of their own,
/// and who does it (a role's code).
public struct StepDraft: Sendable, Equatable, Codable {
    public var key: String?
    public var text: String?
    public var role: String?

    public init(key: String? = nil, text: String? = nil, role: String? = nil) {
        self.key = key
        self.text = text
        self.role = role
    }
}

/// The rules of the procedures the organisation writes (#20 point 2): a severity's checklist
/// and a playbook's steps. A step written by the organisation is keyed by its words, so the
/// same words make the same step whoever sends them and an incident that has it never gets it
/// twice; the template's steps keep their keys and their words in every language.
public enum WrittenSteps {
    public static let maxSteps = 50
    public static let maxText = 500

    /// A severity's procedure as the organisation writes it. A step sent with a template key of
    /// that severity stays the template's, translated, unless its text is other than the
    /// template's words in every language.
    public static func procedure(
        _ drafts: [StepDraft], of severity: Severity, field: String, wording: some Wording
    ) throws(FieldError) -> [ChecklistStep] {
        let template = Set(Checklists.steps(for: severity).map(\.key))
        return try steps(drafts, field: field) { (index, draft, text) throws(FieldError) in
            if let key = draft.key, template.contains(key) {
                let templateWords = Language.allCases.map { wording.text("checklist.\(key)", $0, []) }
                if text == nil || templateWords.contains(text!) { return (key, nil) }
            } else if draft.key != nil, text == nil {
                throw FieldError(field: "\(field)[\(index)].key", problem: .unknown)
            }
            guard let text else { throw FieldError(field: "\(field)[\(index)].text", problem: .required) }
            return ("\(severity.rawValue).w\(fingerprint(text))", text)
        }
    }

    /// A playbook's steps: each is the organisation's words.
    public static func playbook(_ drafts: [StepDraft], id: UUID, field: String) throws(FieldError) -> [ChecklistStep] {
        let prefix = "\(ChecklistStep.playbookPrefix)\(id.uuidString.lowercased())."
        return try steps(drafts, field: field) { (index, _, text) throws(FieldError) in
            guard let text else { throw FieldError(field: "\(field)[\(index)].text", problem: .required) }
            return (prefix + fingerprint(text), text)
        }
    }

    private static func steps(
        _ drafts: [StepDraft], field: String,
        keyed: (Int, StepDraft, String?) throws(FieldError) -> (key: String, text: String?)
    ) throws(FieldError) -> [ChecklistStep] {
        guard !drafts.isEmpty else { throw FieldError(field: field, problem: .required) }
        guard drafts.count <= maxSteps else { throw FieldError(field: field, problem: .tooMany, limit: maxSteps) }
        var steps: [ChecklistStep] = []
        var keys = Set<String>()
        for (index, draft) in drafts.enumerated() {
            let text = try TextRule.optional(draft.text, field: "\(field)[\(index)].text", max: maxText)
            try oneLine(text, field: "\(field)[\(index)].text")
            let role = try draft.role.map { (code) throws(FieldError) -> Role in
                guard let role = Role(rawValue: code), role != .reporter else {
                    throw FieldError(field: "\(field)[\(index)].role", problem: .unknown)
                }
                return role
            }
            let (key, words) = try keyed(index, draft, text)
            guard keys.insert(key).inserted else {
                throw FieldError(field: "\(field)[\(index)].text", problem: .invalid)
            }
            steps.append(ChecklistStep(key: key, text: words, role: role))
        }
        return steps
    }

    /// A step, a name or a question is one line: a line break would start a heading or a table of
    /// its own in the plan document.
    public static func oneLine(_ text: String?, field: String) throws(FieldError) {
        guard let text, text.contains(where: \.isNewline) else { return }
        throw FieldError(field: field, problem: .invalid)
    }

    /// FNV-1a over the words' UTF-8: short, stable across runs and machines.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
