import Foundation

/// One dated thing of a person's calendar feed (#20 point 5): a deadline at a time, or a day
/// (a follow-up's due date, a document's review). Its `uid` stays while it moves, so that a
/// subscribed calendar moves it instead of adding another.
public struct CalendarEvent: Sendable, Equatable {
    public enum When: Sendable, Equatable {
        case at(Date)
        /// A day, `YYYY-MM-DD`.
        case day(String)
    }

    public let uid: String
    public let when: When
    public let summary: String
    public let description: String
    /// Where to act on it, a page of Riposte.
    public let url: String?

    public init(uid: String, when: When, summary: String, description: String = "", url: String? = nil) {
        self.uid = uid
        self.when = when
        self.summary = summary
        self.description = description
        self.url = url
    }
}

/// iCalendar (RFC 5545) as calendar programs subscribe to it: CRLF line ends, lines folded at
/// 75 octets without splitting a character, texts escaped, times in UTC.
public enum ICalendar {
    /// The feed: `name` as the calendar's name, `stamp` when it was made.
    public static func document(name: String, events: [CalendarEvent], stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Riposte//Incident deadlines//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name), "X-PUBLISHED-TTL:PT15M",
        ]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + utc(stamp)]
            switch event.when {
            case .at(let date):
                // A deadline is a moment: a quarter of an hour shows it in a day's view.
                lines += ["DTSTART:" + utc(date), "DTEND:" + utc(date.addingTimeInterval(15 * 60))]
            case .day(let day):
                let compact = day.replacingOccurrences(of: "-", with: "")
                lines += ["DTSTART;VALUE=DATE:" + compact, "DTEND;VALUE=DATE:" + nextDay(compact)]
            }
            // Deadlines inform: they book no time in anyone's free/busy.
            lines += ["TRANSP:TRANSPARENT", "SUMMARY:" + escape(event.summary)]
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + escape(event.description)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.flatMap(fold).map { $0 + "\r\n" }.joined()
    }

    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, the other
    /// control characters (which TEXT may not hold, and a title may) dropped.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r": escaped += "\\n"
            case "\t": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A content line folded into lines of at most 75 octets, the next ones led by a space;
    /// never inside a character's UTF-8 (a long cluster of combining marks may be split).
    public static func fold(_ line: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = lines.isEmpty ? 75 : 74
            if octets + size > limit {
                lines.append(lines.isEmpty ? current : " " + current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        lines.append(lines.isEmpty ? current : " " + current)
        return lines
    }

    /// `20261204T101500Z`.
    public static func utc(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T" + two(parts.hour)
            + two(parts.minute) + two(parts.second) + "Z"
    }

    /// The day after `YYYYMMDD`.
    static func nextDay(_ compact: String) -> String {
        guard compact.count == 8, let year = Int(compact.prefix(4)), let month = Int(compact.dropFirst(4).prefix(2)),
            let day = Int(compact.suffix(2)),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            let next = calendar.date(byAdding: .day, value: 1, to: date)
        else { return compact }
        return String(utc(next).prefix(8))
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
