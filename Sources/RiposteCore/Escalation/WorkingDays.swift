import Foundation

/// Delays counted in working days, Monday to Friday (#16 point 5: the review's reminder, 10
/// working days by default). Public holidays differ by country and region and are not counted.
public enum WorkingDays {
    /// `days` working days after `date`, at the same time of day (UTC); a date on a weekend
    /// starts counting from the next Monday.
    public static func adding(_ days: Int, to date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = date
        var left = days
        while left > 0 {
            day = calendar.date(byAdding: .day, value: 1, to: day)!
            if !calendar.isDateInWeekend(day) { left -= 1 }
        }
        return day
    }
}
