/// The four classes of §4.2, ordered from the least to the most serious.
public enum Severity: String, CaseIterable, Codable, Sendable, Comparable {
    case low
    case minor
    case major
    case crisis

    /// Rank used for ordering and for "up to minor" permissions.
    public var rank: Int {
        switch self {
        case .low: 0
        case .minor: 1
        case .major: 2
        case .crisis: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
