/// One numbered step of a severity's procedure (§4.2.1–§4.2.4).
public struct ChecklistStep: Sendable, Equatable {
    /// Stable key such as `minor.3`; stored with each checklist item.
    public let key: String
    public let severity: Severity
    public let number: Int

    /// The catalogue key of the step's words.
    public var textKey: String { "checklist.\(key)" }
}
