import Foundation
import Testing

@testable import RiposteCore

@Suite("iCalendar feeds (RFC 5545)")
struct ICalendarTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("texts escaped: backslash, semicolon, comma, line breaks; other control characters dropped")
    func escaping() {
        #expect(ICalendar.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne")
        #expect(ICalendar.escape("a\r\nb\u{7}c\u{1B}d\u{7F}e\tf") == "a\\nbcde\tf")
    }

    @Test("lines folded at 75 octets, never inside a character, the next ones led by a space") func folding() {
        let long = "SUMMARY:" + String(repeating: "é", count: 80)
        let lines = ICalendar.fold(long)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.first! + lines.dropFirst().map { String($0.dropFirst()) }.joined() == long)
        #expect(ICalendar.fold("SHORT") == ["SHORT"])
        // One character of a hundred combining marks: split between them, never inside one.
        let cluster = "SUMMARY:e" + String(repeating: "\u{301}", count: 100)
        let folded = ICalendar.fold(cluster)
        #expect(folded.allSatisfy { $0.utf8.count <= 75 })
        // A space then a combining mark is one Character: drop the space as a scalar.
        let joined =
            folded.first!
            + folded.dropFirst().map { String(String.UnicodeScalarView($0.unicodeScalars.dropFirst())) }.joined()
        #expect(joined.unicodeScalars.elementsEqual(cluster.unicodeScalars))
    }

    @Test("times in UTC, days as dates ending the next day, CRLF everywhere") func document() {
        let text = ICalendar.document(
            name: "Riposte, Marie",
            events: [
                CalendarEvent(uid: "a@riposte", when: .at(Self.at), summary: "INC-1: résoudre", description: "x\ny"),
                CalendarEvent(uid: "b@riposte", when: .day("2027-02-28"), summary: "Suivi"),
            ], stamp: Self.at)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("X-WR-CALNAME:Riposte\\, Marie\r\n"))
        #expect(text.contains("DTSTART:20270115T080000Z\r\nDTEND:20270115T081500Z\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20270228\r\nDTEND;VALUE=DATE:20270301\r\n"))
        #expect(text.contains("DESCRIPTION:x\\ny\r\n"))
        #expect(text.components(separatedBy: "TRANSP:TRANSPARENT\r\n").count == 3, "deadlines book no time")
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 3)
    }
}
