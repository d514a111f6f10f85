import Foundation
import Testing

@testable import RiposteCore

@Suite("Recipient list")
struct RecipientListTests {
    @Test("roles and flows survive the round trip, in order")
    func roundTrip() {
        let recipients = [
            NotificationRecipient(role: .crisisManager, flow: 1), NotificationRecipient(role: .continuityManager),
            NotificationRecipient(role: .recoveryManager, flow: 4),
        ]
        let text = RecipientList.encode(recipients)
        #expect(text == "crisis_manager:1,continuity_manager,recovery_manager:4")
        #expect(RecipientList.decode(text) == recipients)
    }

    @Test("every role round-trips, with and without a flow")
    func everyRole() {
        for role in Role.allCases {
            for flow in [nil, 7] as [Int?] {
                let recipient = NotificationRecipient(role: role, flow: flow)
                #expect(RecipientList.decode(RecipientList.encode([recipient])) == [recipient])
            }
        }
    }

    @Test("nobody is an empty line")
    func empty() {
        #expect(RecipientList.encode([]) == "")
        #expect(RecipientList.decode("") == [])
    }

    @Test("unknown roles and malformed flows are dropped, the rest kept")
    func malformed() {
        #expect(
            RecipientList.decode("ghost:1,crisis_manager:x,admin,,incident_manager:2")
                == [NotificationRecipient(role: .admin), NotificationRecipient(role: .incidentManager, flow: 2)])
    }

    @Test("one person, told as their role, round-trips; a malformed person is dropped")
    func person() {
        let id = UUID()
        let recipients = [NotificationRecipient(role: .responseTeam, person: id), NotificationRecipient(role: .admin)]
        let text = RecipientList.encode(recipients)
        #expect(text == "response_team@\(id.uuidString),admin")
        #expect(RecipientList.decode(text) == recipients)
        #expect(RecipientList.decode("response_team@nobody,ghost@\(id.uuidString)") == [])
    }
}
