import Foundation
import RiposteCore

extension RFC3339 {
    /// `2026-11-29T08:30:00.123Z`: UTC, to the nearest millisecond, by arithmetic.
    /// `Date.ISO8601FormatStyle` goes through a calendar for every date (a large share of a
    /// register page's time) and truncates the binary fraction, so that a time stored
    /// as .058 could come out as .057. Dates outside years 1–9999 are left to the style.
    package static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.magnitude < 253_402_300_800_000 else { return fallback(date) }
        let total = Int64(milliseconds)
        var days = total / 86_400_000
        var rest = total % 86_400_000
        if rest < 0 {
            days -= 1
            rest += 86_400_000
        }
        let (year, month, day) = civil(fromDays: days)
        guard (1...9999).contains(year) else { return fallback(date) }
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int64, at offset: Int, digits: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[index] = UInt8(48 + value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4)
        put(month, at: 5, digits: 2)
        put(day, at: 8, digits: 2)
        put(rest / 3_600_000, at: 11, digits: 2)
        put(rest / 60_000 % 60, at: 14, digits: 2)
        put(rest / 1000 % 60, at: 17, digits: 2)
        put(rest % 1000, at: 20, digits: 3)
        for (index, byte) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")] {
            bytes[index] = Character(byte).asciiValue!
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func fallback(_ date: Date) -> String { date.formatted(style) }

    /// Year, month, day of a count of days since 1970-01-01 in the proleptic Gregorian
    /// calendar (the civil-from-days algorithm: eras of 400 years, years from March).
    package static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
