/// The procedure of each severity, step by step, as the plan template words it; the words are
/// in the catalogues (`checklist.minor.3`…). The organisation may rewrite them
/// (`WrittenSteps`); these stay its defaults:
/// - low (§4.2.1): the designated employee analyses, finds the cause, suggests measures;
/// - minor (§4.2.2): contain, record and assess, analyse, correct, inform;
/// - major (§4.2.3): the nine steps, from containing to escalating to crisis management;
/// - crisis (§4.2.4): invoke the crisis management plan; the §4.2.3 table adds the periodic
///   reporting to the crisis manager and the RTO check towards the continuity manager.
public enum Checklists {
    static func stepCount(for severity: Severity) -> Int {
        switch severity {
        case .low: 3
        case .minor: 5
        case .major: 9
        case .crisis: 3
        }
    }

    /// The template's steps of a severity.
    public static func steps(for severity: Severity) -> [ChecklistStep] {
        (1...stepCount(for: severity)).map { ChecklistStep(key: "\(severity.rawValue).\($0)") }
    }

    /// Whether `key` names a step of the template, e.g. `major.9`, whose words the catalogues hold.
    public static func isTemplateKey(_ key: String) -> Bool { templateKeys.contains(key) }

    private static let templateKeys = Set(Severity.allCases.flatMap { steps(for: $0) }.map(\.key))

    /// Every catalogue key the procedures use.
    public static var textKeys: [String] { Severity.allCases.flatMap { steps(for: $0) }.map(\.textKey) }
}
