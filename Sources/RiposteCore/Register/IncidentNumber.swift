/// A register number such as `INC-2026-0042`, or `EX-2026-0003` for an exercise (#20): per
/// series and year, never reused. The series is what tells a drill from a real incident at a
/// glance, in a subject line as in a list.
public struct IncidentNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Series: String, Sendable, CaseIterable {
        case incident = "INC"
        case exercise = "EX"
    }

    public let series: Series
    public let year: Int
    public let sequence: Int

    public init(_ series: Series = .incident, year: Int, sequence: Int) {
        self.series = series
        self.year = year
        self.sequence = sequence
    }

    /// At least four digits; a busy year simply grows a fifth.
    public var description: String {
        let digits = String(sequence)
        return "\(series.rawValue)-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let series = Series(rawValue: String(parts[0])),
            parts[1].count == 4, let year = Int(parts[1]),
            parts[2].count >= 4, parts[2].allSatisfy(\.isASCII), let sequence = Int(parts[2]), sequence > 0
        else { return nil }
        self.init(series, year: year, sequence: sequence)
    }

    /// Whether `number` is an exercise's.
    public static func isExercise(_ number: String) -> Bool {
        IncidentNumber(number)?.series == .exercise
    }
}
