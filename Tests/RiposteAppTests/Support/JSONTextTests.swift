import Foundation
import RiposteCore
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Hand-written JSON")
struct JSONTextTests {
    static let awkward = [
        "", "plain", "quote \" and backslash \\", "slash / stays", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
        "accents é à ü, Dutch ĳ", "emoji 🚒 and flags 🇧🇪", "\u{2028}\u{2029}", "\\u0041 is not A",
    ]

    @Test("every awkward string reads back the same through JSONDecoder")
    func roundTrip() throws {
        for value in Self.awkward {
            let text = JSONText.object(["k": value, value: "v"])
            let decoded = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
            #expect(decoded == ["k": value, value: "v"], "\(text)")
        }
    }

    @Test("keys are sorted and nil members left out, as JSONEncoder does")
    func sortedWithoutNil() throws {
        #expect(JSONText.object(sorted: [("a", "1"), ("b", "2"), ("c", nil)]) == #"{"a":"1","b":"2"}"#)
        #expect(JSONText.object(sorted: [("a", nil), ("b", "2")]) == #"{"b":"2"}"#)
        #expect(JSONText.object([String: String]()) == "{}")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let details = ["number": "INC-2026-0001", "title": "Panne \"réseau\"\n/ étage 2", "channel": "web"]
        #expect(JSONText.object(details) == String(decoding: try encoder.encode(details), as: UTF8.self))
    }

    @Test("an outbox payload decodes into the event it was written from")
    func notificationEvent() throws {
        for event in [
            NotificationEvent(
                kind: .escalated, incidentNumber: "INC-2026-0042", incidentTitle: "Serveur \"mail\" à l'arrêt",
                severity: .major, escalation: "major_past_resolution"),
            NotificationEvent(
                kind: .planActivated, incidentNumber: "INC-2026-0043", incidentTitle: "x", severity: nil, plan: .cmp),
            // A law's deadline keeps its due time to the fraction; a drill its channels (#17, #20).
            NotificationEvent(
                kind: .obligationReminder, incidentNumber: "INC-2026-0044", incidentTitle: "Fuite", severity: .major,
                escalation: "gdpr_authority", dueAt: Date(timeIntervalSince1970: 1_800_000_000.123),
                exercise: nil),
            NotificationEvent(
                kind: .qualified, incidentNumber: "EX-2026-0001", incidentTitle: "Exercice", severity: .crisis,
                exercise: Exercise(channels: [.webhooks, .messages])),
            NotificationEvent(
                kind: .qualified, incidentNumber: "EX-2026-0002", incidentTitle: "Exercice", severity: .minor,
                note: "n", exercise: Exercise()),
        ] {
            let decoded = try JSONDecoder().decode(NotificationEvent.self, from: Data(Outbox.encode(event).utf8))
            #expect(decoded == event)
        }
    }
}
