import Foundation
import Testing

@testable import RiposteCore

@Suite("What a person's roles withhold, and which roles would allow it (#19 point 3)")
struct WithheldActionsTests {
    static let states: [IncidentState] =
        [IncidentState(status: .reported, severity: nil, type: nil)]
        + IncidentStatus.allCases.filter { $0 != .reported }.flatMap { status in
            Severity.allCases.map { IncidentState(status: status, severity: $0, type: "réseau") }
        }

    @Test("an administrator alone cannot qualify a report: the roles that may are named")
    func administrator() {
        let report = IncidentState(status: .reported, severity: nil, type: nil)
        let withheld = Lifecycle.withheld(report, clockPaused: false, roles: [.admin])
        let qualify = withheld.first { $0.action == "qualify" }
        #expect(qualify?.roles == Role.allCases.filter { PermissionMatrix.allows([$0], .qualify) })
        #expect(qualify?.roles.contains(.helpdeskOperator) == true)
        #expect(Lifecycle.withheld(report, clockPaused: false, roles: Set(Role.allCases)).isEmpty)
    }

    @Test("in every state, for every single role: withheld is exactly what one role allows and this person's do not")
    func exact() {
        for state in Self.states {
            for clockPaused in [false, true] {
                let byRole = Dictionary(
                    uniqueKeysWithValues: Role.allCases.map {
                        ($0, Set(Lifecycle.offer(state, clockPaused: clockPaused, roles: [$0]).actions))
                    })
                for person in Role.allCases {
                    let own = Set(Lifecycle.offer(state, clockPaused: clockPaused, roles: [person]).actions)
                    let withheld = Lifecycle.withheld(state, clockPaused: clockPaused, roles: [person])
                    for line in withheld {
                        #expect(!own.contains(line.action), "\(state.status) \(person) \(line.action)")
                        #expect(!line.roles.isEmpty)
                        #expect(
                            line.roles == Role.allCases.filter { byRole[$0]!.contains(line.action) },
                            "\(state.status) \(line.action)")
                    }
                    let expected = Set(byRole.values.flatMap { $0 }).subtracting(own)
                    #expect(
                        Set(withheld.map(\.action)) == expected, "\(state.status) \(state.severity as Any) \(person)")
                }
            }
        }
    }

    @Test("the BCP is the continuity manager's to activate: an incident manager is told so")
    func plan() {
        let major = IncidentState(status: .inTreatment, severity: .major, type: "réseau")
        let withheld = Lifecycle.withheld(major, clockPaused: false, roles: [.incidentManager])
        let bcp = withheld.first { $0.action == "activate.bcp" }
        #expect(bcp?.roles == [.continuityManager])
    }
}
