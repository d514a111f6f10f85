import Foundation
import Testing

@testable import RiposteCore

@Suite("Reminders and escalations of the law's deadlines")
struct RegulatoryAlertsTests {
    static let aware = RegulatoryClocksTests.aware
    static let hour = RegulatoryClocks.hour
    static let clocks = RegulatoryClocks.clocks(
        settings: .init(), assessment: RegulatoryClocksTests.breach(), records: [])

    @Test("half the time, the last quarter and the deadline: each at its second, once")
    func stages() {
        var made = Set<String>()
        #expect(RegulatoryAlerts.nextAlertAt(Self.clocks, made: made, after: Self.aware) == Self.aware + 36 * Self.hour)
        #expect(RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 36 * Self.hour - 1).alerts.isEmpty)
        let half = RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 36 * Self.hour)
        #expect(half.alerts.map(\.stage) == [.half])
        made.formUnion(half.alerts.map(\.key))
        #expect(RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 40 * Self.hour).alerts.isEmpty)
        #expect(
            RegulatoryAlerts.nextAlertAt(Self.clocks, made: made, after: Self.aware + 40 * Self.hour)
                == Self.aware + 54 * Self.hour)
        let quarter = RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 54 * Self.hour)
        #expect(quarter.alerts.map(\.stage) == [.lastQuarter])
        made.formUnion(quarter.alerts.map(\.key))
        #expect(RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 72 * Self.hour).alerts.isEmpty)
        let passed = RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 72 * Self.hour + 0.001)
        #expect(passed.alerts.map(\.stage) == [.passed])
        made.formUnion(passed.alerts.map(\.key))
        #expect(RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 500 * Self.hour).alerts.isEmpty)
        #expect(RegulatoryAlerts.nextAlertAt(Self.clocks, made: made, after: Self.aware) == nil)
    }

    @Test("a late sweep makes only the latest stage and records the ones it passed over")
    func lateSweep() {
        let late = RegulatoryAlerts.due(Self.clocks, made: [], at: Self.aware + 100 * Self.hour)
        #expect(late.alerts.map(\.stage) == [.passed])
        let due = JournalClock.milliseconds(Self.aware + 72 * Self.hour)
        #expect(Set(late.skipped) == ["gdpr_authority.half.\(due)", "gdpr_authority.last_quarter.\(due)"])
    }

    @Test("a settled clock is never reminded") func settledQuiet() {
        let clocks = RegulatoryClocks.clocks(
            settings: .init(), assessment: RegulatoryClocksTests.breach(),
            records: [RegulatoryClocksTests.record(.gdprAuthority, at: Self.aware + Self.hour)])
        #expect(RegulatoryAlerts.due(clocks, made: [], at: Self.aware + 100 * Self.hour).alerts.isEmpty)
        #expect(RegulatoryAlerts.nextAlertAt(clocks, made: [], after: Self.aware) == nil)
    }

    @Test(
        "a reminder goes to the incident manager and the privacy officer; a deadline passed to the crisis manager too")
    func recipients() {
        let reminder = RegulatoryAlert(step: .gdprAuthority, stage: .half, dueAt: Self.aware)
        #expect(reminder.recipients.map(\.role) == [.incidentManager, .privacyOfficer])
        let passed = RegulatoryAlert(step: .gdprAuthority, stage: .passed, dueAt: Self.aware)
        let effects = RegulatoryAlerts.effects(of: [passed], severity: .major)
        #expect(effects.journal.map(\.kind) == [.obligationOverdue])
        #expect(effects.journal.first?.times["dueAt"] == Self.aware)
        #expect(effects.events.first?.recipients.map(\.role) == [.incidentManager, .privacyOfficer, .crisisManager])
        #expect(effects.events.first?.kind == .obligationOverdue)
        #expect(effects.events.first?.escalation == "gdpr_authority")
    }

    @Test("a deadline that moves is reminded afresh: its stages are the new deadline's")
    func movedDeadline() {
        var made = Set<String>()
        let half = RegulatoryAlerts.due(Self.clocks, made: made, at: Self.aware + 40 * Self.hour)
        made.formUnion(half.alerts.map(\.key))
        var earlier = RegulatoryClocksTests.breach()
        earlier.awareAt = Self.aware - 20 * Self.hour
        let moved = RegulatoryClocks.clocks(settings: .init(), assessment: earlier, records: [])
        // Now 60 h into 72: the last quarter of the corrected deadline, once.
        let again = RegulatoryAlerts.due(moved, made: made, at: Self.aware + 40 * Self.hour)
        #expect(again.alerts.map(\.stage) == [.lastQuarter])
        #expect(again.alerts.first?.dueAt == Self.aware + 52 * Self.hour)
    }
}
