import Foundation
import Testing

@testable import RiposteCore

@Suite("Owner and response team")
struct OwnershipTests {
    let technician = Designee(id: UUID(), name: "Alex", roles: [.responseTeam])
    let administrator = Designee(id: UUID(), name: "Sam", roles: [.admin])

    @Test("the helpdesk manager and the incident manager designate, whatever the severity")
    func whoAssigns() {
        for severity in Severity.allCases {
            let incident = IncidentState(status: .inTreatment, severity: severity)
            for role in Role.allCases {
                let allowed = (try? Lifecycle.assignOwner(incident, current: nil, to: technician, roles: [role]).get())
                #expect((allowed != nil) == [.helpdeskManager, .incidentManager].contains(role), "\(role) \(severity)")
            }
        }
    }

    @Test("the owner handles incidents, is someone new, and the incident is not finished")
    func ownerRefusals() {
        let open = IncidentState(status: .qualified, severity: .major)
        #expect(
            Lifecycle.assignOwner(open, current: nil, to: administrator, roles: [.incidentManager])
                == .failure(.notAHandler))
        #expect(
            Lifecycle.assignOwner(open, current: technician.id, to: technician, roles: [.incidentManager])
                == .failure(.unchanged))
        for status in [IncidentStatus.closed, .reviewed, .rejected] {
            #expect(
                Lifecycle.assignOwner(
                    IncidentState(status: status, severity: .major), current: nil, to: technician,
                    roles: [.incidentManager]) == .failure(.incidentFinished(status)))
        }
    }

    @Test("the new owner is told alone, as their handling role; the journal keeps who and from whom")
    func ownerEffects() throws {
        let previous = UUID()
        let change = try Lifecycle.assignOwner(
            IncidentState(status: .inTreatment, severity: .major), current: previous, to: technician,
            roles: [.incidentManager]
        ).get()
        let effects = change.effects(severity: .major)
        #expect(effects.owner == technician.id)
        #expect(
            effects.journal.first?.details == [
                "from": previous.uuidString, "to": technician.id.uuidString, "name": "Alex",
            ])
        #expect(effects.events.first?.kind == .assigned)
        #expect(
            effects.events.first?.recipients == [NotificationRecipient(role: .responseTeam, person: technician.id)])
    }

    @Test("whoever qualifies owns an incident without owner, and only then")
    func defaultOwner() {
        let qualifier = Designee(id: UUID(), roles: [.helpdeskOperator])
        #expect(Lifecycle.defaultOwner(nil, qualifiedBy: qualifier)?.to == qualifier)
        #expect(Lifecycle.defaultOwner(UUID(), qualifiedBy: qualifier) == nil)
    }

    @Test("the incident manager staffs the team; the helpdesk manager up to minor incidents")
    func whoStaffs() {
        for severity in Severity.allCases {
            let incident = IncidentState(status: .inTreatment, severity: severity)
            for role in Role.allCases {
                let result = Lifecycle.changeMembership(
                    incident, member: technician, added: true, isMember: false, roles: [role])
                let expected = role == .incidentManager || (role == .helpdeskManager && severity <= .minor)
                #expect(((try? result.get()) != nil) == expected, "\(role) \(severity)")
            }
        }
    }

    @Test("a member handles incidents; added once, removed once; told only when added")
    func membership() throws {
        let incident = IncidentState(status: .qualified, severity: .major)
        #expect(
            Lifecycle.changeMembership(
                incident, member: administrator, added: true, isMember: false, roles: [.incidentManager])
                == .failure(.notAHandler))
        #expect(
            Lifecycle.changeMembership(
                incident, member: technician, added: true, isMember: true, roles: [.incidentManager])
                == .failure(.unchanged))
        #expect(
            Lifecycle.changeMembership(
                incident, member: technician, added: false, isMember: false, roles: [.incidentManager])
                == .failure(.unchanged))
        let added = try Lifecycle.changeMembership(
            incident, member: technician, added: true, isMember: false, roles: [.incidentManager]
        ).get().effects(severity: .major)
        #expect(added.journal.map(\.kind) == [.memberAdded])
        #expect(added.events.map(\.kind) == [.memberAdded])
        let removed = try Lifecycle.changeMembership(
            incident, member: technician, added: false, isMember: true, roles: [.incidentManager]
        ).get().effects(severity: .major)
        #expect(removed.journal.map(\.kind) == [.memberRemoved])
        #expect(removed.events.isEmpty)
    }
}
