/// A register number such as `INC-2026-0042`: per year, never reused.
public struct IncidentNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let year: Int
    public let sequence: Int

    public init(year: Int, sequence: Int) {
        self.year = year
        self.sequence = sequence
    }

    /// At least four digits; a busy year simply grows a fifth.
    public var description: String {
        let digits = String(sequence)
        return "INC-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "INC",
            parts[1].count == 4, let year = Int(parts[1]),
            parts[2].count >= 4, parts[2].allSatisfy(\.isASCII), let sequence = Int(parts[2]), sequence > 0
        else { return nil }
        self.init(year: year, sequence: sequence)
    }
}
