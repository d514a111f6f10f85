/// A set of durations as the metrics page speaks of them: how many, the median, the 90th
/// percentile and the mean, in seconds.
public struct DurationStats: Sendable, Equatable {
    public let count: Int
    /// The middle value; for an even count, the mean of the two middle ones.
    public let median: Double?
    /// The nearest-rank 90th percentile: the smallest value at least 90 % of them do not exceed.
    public let p90: Int?
    public let mean: Double?

    public init(_ values: [Int]) {
        let sorted = values.sorted()
        count = sorted.count
        guard !sorted.isEmpty else {
            (median, p90, mean) = (nil, nil, nil)
            return
        }
        let middle = sorted.count / 2
        median =
            sorted.count.isMultiple(of: 2)
            ? Double(sorted[middle - 1] + sorted[middle]) / 2 : Double(sorted[middle])
        p90 = Self.percentile(90, of: sorted)
        mean = Double(sorted.reduce(0, +)) / Double(sorted.count)
    }

    /// The nearest-rank percentile of values already sorted: the value at rank ⌈p/100 × n⌉.
    public static func percentile(_ p: Int, of sorted: [Int]) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = (p * sorted.count + 99) / 100
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}

/// How many of the timed steps met their target.
public struct Compliance: Sendable, Equatable {
    public let timed: Int
    public let met: Int

    public init(timed: Int, met: Int) {
        (self.timed, self.met) = (timed, met)
    }

    /// Met over timed, from 0 to 1; nil when nothing was timed.
    public var rate: Double? { timed == 0 ? nil : Double(met) / Double(timed) }
}
