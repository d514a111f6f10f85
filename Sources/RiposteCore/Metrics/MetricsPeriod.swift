import Foundation

/// The period the metrics cover (#20 point 4): incidents reported from `from` to `to`, both
/// included. At most ten years, and never reversed: a longer or reversed period is refused
/// (422) rather than silently cut.
public struct MetricsPeriod: Sendable, Equatable, Hashable {
    public let from: Date
    public let to: Date

    /// Ten years of 365 days and their leap days.
    public static let longest: TimeInterval = 3653 * 86_400

    public init(from: Date, to: Date) throws(FieldError) {
        guard to >= from else { throw FieldError(field: "to", problem: .outOfRange) }
        guard to.timeIntervalSince(from) <= Self.longest else { throw FieldError(field: "from", problem: .outOfRange) }
        (self.from, self.to) = (from, to)
    }

    /// The twelve months up to the end of `now`'s day, from the start of that day a year ago:
    /// the page's and the API's default, the same all day long (nothing is reported after now).
    public static func lastYear(until now: Date, calendar: Calendar) -> MetricsPeriod {
        let today = calendar.startOfDay(for: now)
        let end = (calendar.date(byAdding: .day, value: 1, to: today) ?? today.addingTimeInterval(86_400))
            .addingTimeInterval(-0.001)
        let start = calendar.date(byAdding: .month, value: -12, to: today) ?? today.addingTimeInterval(-365 * 86_400)
        // Never out of range: a year is less than ten.
        return try! MetricsPeriod(from: start, to: end)
    }

    /// The period asked for by its ends, either of which may be left out: without its end it
    /// runs a year from its start, or to the end of `now`'s day if that is later (the same all
    /// day, so that its figures are kept); without its start it begins a year before its end;
    /// without either, nil (the caller's default, `lastYear`).
    public static func asked(
        from: Date?, to: Date?, now: Date, calendar: Calendar
    ) throws(FieldError)
        -> MetricsPeriod?
    {
        guard from != nil || to != nil else { return nil }
        let year: TimeInterval = 365 * 86_400
        let today = lastYear(until: now, calendar: calendar).to
        let end = to ?? max(today, from!.addingTimeInterval(year))
        return try MetricsPeriod(from: from ?? end.addingTimeInterval(-year), to: end)
    }

    public func contains(_ date: Date) -> Bool { date >= from && date <= to }

    /// The first instant of each month the period touches, in `calendar`'s time zone: the
    /// charts' columns. A period of more than three years is shown by year instead.
    public func buckets(calendar: Calendar) -> [Date] {
        let unit: Calendar.Component = to.timeIntervalSince(from) > 3 * 366 * 86_400 ? .year : .month
        let components: Set<Calendar.Component> = unit == .year ? [.year] : [.year, .month]
        guard var start = calendar.date(from: calendar.dateComponents(components, from: from)) else { return [] }
        var buckets: [Date] = []
        while start <= to {
            buckets.append(start)
            guard let next = calendar.date(byAdding: unit, value: 1, to: start) else { break }
            start = next
        }
        return buckets
    }

    /// Whether buckets are years rather than months.
    public var byYear: Bool { to.timeIntervalSince(from) > 3 * 366 * 86_400 }
}
