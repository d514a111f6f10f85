/// One step of a procedure: a severity's (§4.2.1–§4.2.4), as the template words it or as the
/// organisation rewrote it, or a scenario playbook's (#20 point 2).
public struct ChecklistStep: Sendable, Equatable, Hashable, Codable {
    /// Stable key stored with each checklist item: `minor.3` for a step of the template,
    /// `minor.w…` for one the organisation wrote, `playbook.<id>.…` for a playbook's.
    public let key: String
    /// The organisation's words; nil for the template's, which the catalogues say in the
    /// reader's language (`textKey`).
    public let text: String?
    /// Who does it, when the organisation said so.
    public let role: Role?

    public init(key: String, text: String? = nil, role: Role? = nil) {
        self.key = key
        self.text = text
        self.role = role
    }

    /// The catalogue key of a template step's words.
    public var textKey: String { "checklist.\(key)" }

    /// The step's words in `language`: the organisation's as written, the template's translated.
    public func words(in language: Language, wording: some Wording) -> String {
        text ?? wording.text(textKey, language, [])
    }

    /// The severity whose procedure it belongs to; nil for a playbook's step.
    public var severity: Severity? {
        key.split(separator: ".", maxSplits: 1).first.flatMap { Severity(rawValue: String($0)) }
    }

    static let playbookPrefix = "playbook."

    /// Whether the key is a playbook's step: those stay when the severity changes.
    public static func isPlaybookKey(_ key: String) -> Bool { key.hasPrefix(playbookPrefix) }
}
