import Foundation

/// The recipients of an event as one line of text, stored with the event until it is fanned
/// out: `crisis_manager:1,continuity_manager,response_team@<uuid>` (role, then the chapter II
/// flow when there is one, or the one person told).
public enum RecipientList {
    public static func encode(_ recipients: [NotificationRecipient]) -> String {
        recipients.map { recipient in
            if let person = recipient.person { return "\(recipient.role.rawValue)@\(person.uuidString)" }
            return recipient.flow.map { "\(recipient.role.rawValue):\($0)" } ?? recipient.role.rawValue
        }.joined(separator: ",")
    }

    /// Unknown roles and malformed flows are dropped: a role renamed between writing and
    /// fanning out must not stop the others from being told.
    public static func decode(_ text: String) -> [NotificationRecipient] {
        text.split(separator: ",").compactMap { item in
            let addressed = item.split(separator: "@", maxSplits: 1)
            if addressed.count == 2 {
                guard let role = Role(rawValue: String(addressed[0])),
                    let person = UUID(uuidString: String(addressed[1]))
                else { return nil }
                return NotificationRecipient(role: role, person: person)
            }
            let parts = item.split(separator: ":", maxSplits: 1)
            guard let role = Role(rawValue: String(parts[0])) else { return nil }
            guard parts.count == 2 else { return NotificationRecipient(role: role) }
            guard let flow = Int(parts[1]) else { return nil }
            return NotificationRecipient(role: role, flow: flow)
        }
    }
}
