import Testing

@testable import RiposteCore

@Suite("The demo organisation (#19 point 3)")
struct DemoScenarioTests {
    @Test("someone holds every role, and each step is taken by someone of the scenario")
    func people() {
        let held = Set(DemoScenario.people.flatMap(\.roles))
        #expect(held == Set(Role.allCases))
        let keys = Set(DemoScenario.people.map(\.key))
        #expect(keys.count == DemoScenario.people.count)
        for incident in DemoScenario.incidents {
            #expect(keys.contains(incident.reporter))
            for step in incident.steps {
                let by: String =
                    switch step {
                    case .qualify(let by, _, _), .move(let by, _, _), .note(let by, _), .statusReport(let by, _),
                        .activate(let by, _), .deactivate(let by, _), .assessBreach(let by, _, _):
                        by
                    }
                #expect(keys.contains(by), "\(incident.key): \(by)")
            }
        }
    }

    @Test("incidents end at every status but the review's, every severity used, a plan activated")
    func coverage() {
        var ends: Set<IncidentStatus> = []
        var severities: Set<Severity> = []
        for incident in DemoScenario.incidents {
            var status = IncidentStatus.reported
            for step in incident.steps {
                switch step {
                case .qualify(_, _, let severity):
                    status = .qualified
                    severities.insert(severity)
                case .move(_, let to, _): status = to
                default: break
                }
            }
            ends.insert(status)
        }
        #expect(ends == Set(IncidentStatus.allCases).subtracting([.reviewed]))
        #expect(severities == Set(Severity.allCases))
        #expect(DemoScenario.textKeys.count == Set(DemoScenario.textKeys).count)
    }
}
