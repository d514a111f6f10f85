import Foundation
import Testing

@testable import RiposteCore

@Suite("Contact directory and communications")
struct ContactDirectoryTests {
    @Test("every plan role without contacts is a gap; reporter, admin and privacy officer are not plan roles")
    func missingRoles() {
        let gaps = ContactDirectory.gaps(parties: [])
        #expect(
            gaps.map(\.name).sorted()
                == Role.allCases.filter { ![.reporter, .admin, .privacyOfficer].contains($0) }.map(\.rawValue).sorted())
        #expect(gaps.allSatisfy { $0.contacts == 0 && $0.kind == .role })
    }

    @Test("a principal and a backup close a gap; two principals do not") func principalAndBackup() {
        let complete = ContactDirectory.gaps(parties: [
            (.supplier, "Hébergeur", [.principal, .backup]), (.client, "Ville", [.principal, .principal]),
            (.service, "Paie", [.principal]),
        ])
        let external = complete.filter { $0.kind != .role }
        #expect(
            external == [
                ContactDirectory.Gap(kind: .client, name: "Ville", contacts: 2),
                ContactDirectory.Gap(kind: .service, name: "Paie", contacts: 1),
            ])
    }

    @Test("a communication is checked; not in the future") func communication() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let entry = try CommunicationEntry.validated(
            direction: .external, audience: " Clients ", media: .email, recipients: nil, at: nil, summary: "Panne",
            now: now)
        #expect(entry.audience == "Clients" && entry.at == now && entry.recipients == "")
        #expect(throws: FieldError(field: "at", problem: .outOfRange)) {
            try CommunicationEntry.validated(
                direction: .internal, audience: "Direction", media: .meeting, recipients: nil,
                at: now.addingTimeInterval(61), summary: "Point", now: now)
        }
        #expect(throws: FieldError(field: "summary", problem: .required)) {
            try CommunicationEntry.validated(
                direction: .internal, audience: "Direction", media: .meeting, recipients: nil, at: nil, summary: " ",
                now: now)
        }
    }
}
