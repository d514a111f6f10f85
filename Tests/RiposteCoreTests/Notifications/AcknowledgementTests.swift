import Foundation
import Testing

@testable import RiposteCore

@Suite("Alerts that must be answered (#15 point 7)")
struct AcknowledgementTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func event(
        _ kind: NotificationEventKind, _ severity: Severity?, escalation: String? = nil
    )
        -> NotificationEvent
    {
        NotificationEvent(
            kind: kind, incidentNumber: "INC-2026-0001", incidentTitle: "t", severity: severity, escalation: escalation)
    }

    @Test(
        "a qualification, a warning and the major overdue alert, at major or crisis, wait for an answer",
        arguments: [Severity.major, .crisis])
    func alarms(severity: Severity) {
        #expect(Acknowledgement.isRequired(Self.event(.qualified, severity)))
        #expect(Acknowledgement.isRequired(Self.event(.planWarned, severity)))
        #expect(Acknowledgement.isRequired(Self.event(.escalated, severity, escalation: "major_overdue")))
    }

    @Test("decisions, reports, reminders and anything below major only inform")
    func notAlarms() {
        let informing: [NotificationEventKind] = [
            .planActivated, .planDeactivated, .planCloseAgreed, .planDeclined, .downgraded, .escalatedToManager,
            .statusReport,
        ]
        for kind in informing { #expect(!Acknowledgement.isRequired(Self.event(kind, .crisis)), "\(kind)") }
        for escalation in ["status_report_missed", "recovery_beyond_rto", "minor_overdue"] {
            #expect(
                !Acknowledgement.isRequired(Self.event(.escalated, .major, escalation: escalation)), "\(escalation)")
        }
        for severity in [Severity?.none, .low, .minor] {
            #expect(!Acknowledgement.isRequired(Self.event(.qualified, severity)))
            #expect(!Acknowledgement.isRequired(Self.event(.planWarned, severity)))
        }
    }

    @Test("each stage lasts the severity's delay, to the second; the last one lasts until answered")
    func stages() throws {
        let settings = SLASettings.defaults
        let crisis = settings.acknowledgeDelay(for: .crisis)
        #expect(crisis.seconds == 15 * 60)
        #expect(settings.acknowledgeDelay(for: .major).seconds == 30 * 60)
        let due = try #require(Acknowledgement.dueAt(after: .holders, since: Self.t0, delay: crisis))
        #expect(due == Self.t0.addingTimeInterval(900))
        #expect(Acknowledgement.Stage.holders.next == .backup)
        #expect(Acknowledgement.Stage.backup.next == .administrators)
        #expect(Acknowledgement.dueAt(after: .backup, since: due, delay: crisis) == due.addingTimeInterval(900))
        #expect(Acknowledgement.dueAt(after: .administrators, since: due, delay: crisis) == nil)
        var custom = settings
        custom.targets[.crisis]?.acknowledge = ISODuration(seconds: 60)
        #expect(custom.acknowledgeDelay(for: .crisis).seconds == 60)
    }

    @Test("away until a moment means away before it, back at it")
    func away() {
        let until = Self.t0.addingTimeInterval(3_600)
        #expect(Acknowledgement.isAway(until: until, at: until.addingTimeInterval(-1)))
        #expect(!Acknowledgement.isAway(until: until, at: until))
        #expect(!Acknowledgement.isAway(until: nil, at: Self.t0))
    }

    @Test("an absence ends in the future and within a year")
    func availability() throws {
        #expect(try AvailabilityRule.check(nil, at: Self.t0) == nil)
        let tomorrow = Self.t0.addingTimeInterval(86_400)
        #expect(try AvailabilityRule.check(tomorrow, at: Self.t0) == tomorrow)
        let longest = Self.t0.addingTimeInterval(AvailabilityRule.longestAbsence)
        #expect(try AvailabilityRule.check(longest, at: Self.t0) == longest)
        for refused in [Self.t0, Self.t0.addingTimeInterval(-1), longest.addingTimeInterval(1)] {
            #expect(throws: FieldError(field: "awayUntil", problem: .outOfRange)) {
                try AvailabilityRule.check(refused, at: Self.t0)
            }
        }
    }
}
