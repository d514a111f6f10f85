import Foundation
import Testing

@testable import RiposteCore

@Suite("A communication logged as effects")
struct CommunicationEffectsTests {
    @Test("its journal entry: the summary as text, to whom and how, sent at the journal's millisecond")
    func entry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000.123_456)
        let entry = try CommunicationEntry.validated(
            direction: .external, audience: "clients", media: .email, recipients: "clients@example.org", at: nil,
            summary: "Service rétabli", now: now)
        let effects = entry.effects()
        #expect(effects.journal.count == 1)
        let journalled = effects.journal[0]
        #expect(journalled.kind == .communication)
        #expect(journalled.text == "Service rétabli")
        #expect(
            journalled.details == [
                "direction": "external", "audience": "clients", "media": "email", "recipients": "clients@example.org",
            ])
        #expect(journalled.times == ["at": JournalClock.truncate(now)])
    }
}
