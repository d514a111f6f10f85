import Foundation
import Testing

@testable import RiposteCore

@Suite("SLA clock and status reports in the lifecycle")
struct LifecycleEscalationTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let clock = SLAClock(startedAt: now.addingTimeInterval(-600))

    @Test("the team pauses with a reason and resumes") func pauseResume() throws {
        let incident = IncidentState(status: .inTreatment, severity: .major)
        let paused = try Lifecycle.changeClock(
            incident, clock: Self.clock, pause: true, reason: "attente fournisseur", roles: [.responseTeam],
            at: Self.now
        ).get()
        #expect(paused.isPaused)
        let resumed = try Lifecycle.changeClock(
            incident, clock: paused, pause: false, reason: nil, roles: [.incidentManager],
            at: Self.now.addingTimeInterval(300)
        ).get()
        #expect(resumed.pausedSeconds == 300)
    }

    @Test("refusals: no reason, twice, not paused, finished, no right") func refusals() {
        let incident = IncidentState(status: .inTreatment, severity: .major)
        let paused = SLAClock(startedAt: Self.now, pausedSince: Self.now)
        #expect(
            Lifecycle.changeClock(
                incident, clock: Self.clock, pause: true, reason: " ", roles: [.incidentManager], at: Self.now)
                == .failure(.reasonRequired))
        #expect(
            Lifecycle.changeClock(
                incident, clock: paused, pause: true, reason: "x", roles: [.incidentManager], at: Self.now)
                == .failure(.clockAlreadyPaused))
        #expect(
            Lifecycle.changeClock(
                incident, clock: Self.clock, pause: false, reason: nil, roles: [.incidentManager], at: Self.now)
                == .failure(.clockNotPaused))
        #expect(
            Lifecycle.changeClock(
                IncidentState(status: .closed, severity: .major), clock: Self.clock, pause: true, reason: "x",
                roles: [.incidentManager], at: Self.now) == .failure(.incidentFinished(.closed)))
        #expect(
            Lifecycle.changeClock(
                incident, clock: Self.clock, pause: true, reason: "x", roles: [.helpdeskOperator], at: Self.now)
                == .failure(.forbidden(.pauseClock)))
    }

    @Test("only the incident manager reports to the crisis manager, while the incident runs") func statusReports() {
        let incident = IncidentState(status: .eradication, severity: .crisis)
        #expect((try? Lifecycle.statusReport(incident, roles: [.incidentManager]).get()) != nil)
        #expect(throws: LifecycleError.forbidden(.recordStatusReport)) {
            try Lifecycle.statusReport(incident, roles: [.responseTeam, .crisisManager]).get()
        }
        #expect(throws: LifecycleError.incidentFinished(.resolved)) {
            try Lifecycle.statusReport(IncidentState(status: .resolved, severity: .crisis), roles: [.incidentManager])
                .get()
        }
    }
}
