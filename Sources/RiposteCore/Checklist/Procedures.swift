/// Each severity's procedure as the organisation keeps it: what it wrote, or the template's.
public struct Procedures: Sendable, Equatable {
    /// The severities the organisation rewrote.
    public var written: [Severity: [ChecklistStep]]

    public init(written: [Severity: [ChecklistStep]] = [:]) {
        self.written = written
    }

    public func steps(for severity: Severity) -> [ChecklistStep] {
        written[severity] ?? Checklists.steps(for: severity)
    }

    /// Whether the severity follows the template as it is (nothing rewritten).
    public func isTemplate(_ severity: Severity) -> Bool {
        written[severity].map { $0 == Checklists.steps(for: severity) } ?? true
    }
}
