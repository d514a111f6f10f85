import Foundation
import Testing

@testable import RiposteCore

@Suite("SLA clock")
struct SLAClockTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("paused time never counts") func pauses() throws {
        var clock = SLAClock(startedAt: Self.start)
        try clock.pause(at: Self.start.addingTimeInterval(600))
        #expect(clock.elapsed(at: Self.start.addingTimeInterval(5_000)) == 600)
        #expect(clock.deadline(after: ISODuration(seconds: 3_600)) == nil)
        try clock.resume(at: Self.start.addingTimeInterval(1_800))
        #expect(clock.elapsed(at: Self.start.addingTimeInterval(1_800)) == 600)
        #expect(clock.deadline(after: ISODuration(seconds: 3_600)) == Self.start.addingTimeInterval(4_800))
    }

    @Test("pausing twice or resuming a running clock is refused") func refusals() throws {
        var clock = SLAClock(startedAt: Self.start)
        #expect(throws: SLAClock.Refusal.notPaused) { try clock.resume(at: Self.start) }
        try clock.pause(at: Self.start)
        #expect(throws: SLAClock.Refusal.alreadyPaused) { try clock.pause(at: Self.start) }
    }

    @Test("new targets keep what was already paused") func settingsChange() throws {
        var clock = SLAClock(startedAt: Self.start)
        try clock.pause(at: Self.start.addingTimeInterval(100))
        try clock.resume(at: Self.start.addingTimeInterval(1_100))
        #expect(clock.deadline(after: ISODuration(seconds: 3_600)) == Self.start.addingTimeInterval(4_600))
        #expect(clock.deadline(after: ISODuration(seconds: 7_200)) == Self.start.addingTimeInterval(8_200))
    }
}

@Suite("A change of SLA targets as effects")
struct SLAChangeEffectsTests {
    @Test("every running incident is due at once; nothing else changes, nothing is journalled or told")
    func changed() {
        let change = SLASettings.changed
        #expect(change.statuses == EscalationPolicy.running)
        #expect(change.statuses == [.reported, .qualified, .inTreatment, .eradication])
        #expect(change.effects.dueAtOnce)
        var rest = change.effects
        rest.dueAtOnce = false
        #expect(rest.isEmpty)
    }
}
