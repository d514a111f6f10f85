import Foundation
import RiposteCore

enum WebhookPayload {
    static func render(
        _ format: WebhookFormat, event: NotificationEvent, incidentID: UUID?, recipients: [NotificationRecipient],
        at now: Date, wording: some Wording
    ) throws -> String {
        let subject = NotificationText.subject(event, in: .fallback, wording: wording)
        let text = NotificationText.body(event, for: nil, in: .fallback, wording: wording)
        let data: Data
        switch format {
        case .generic:
            data = try DateCoding.encoder.encode(
                Generic(
                    event: event.kind.rawValue, at: now,
                    incident: .init(
                        id: incidentID, number: event.incidentNumber, title: event.incidentTitle,
                        severity: event.severity?.rawValue, exercise: event.exercise != nil),
                    escalation: event.escalation, plan: event.plan?.rawValue,
                    notify: recipients.map { .init(role: $0.role.rawValue, flow: $0.flow) }, subject: subject,
                    text: text))
        // The subject and text hold people's words (an incident's title): escaped for each channel.
        case .slack:
            data = try JSONEncoder().encode(["text": "*\(ChatText.slack(subject))*\n\(ChatText.slack(text))"])
        case .mattermost:
            data = try JSONEncoder().encode(
                ["text": "**\(ChatText.mattermost(subject))**\n\(ChatText.mattermost(text))", "username": "Riposte"])
        case .teams:
            data = try JSONEncoder().encode(
                [
                    "@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": subject,
                    "title": ChatText.teams(subject), "text": ChatText.teams(text),
                ])
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct Generic: Encodable {
        struct Incident: Encodable {
            let id: UUID?
            let number: String
            let title: String
            let severity: String?
            /// A drill that names webhooks among its channels (#20): a receiving tool should not
            /// treat it as real.
            let exercise: Bool
        }

        struct Recipient: Encodable {
            let role: String
            let flow: Int?
        }

        let event: String
        let at: Date
        let incident: Incident
        let escalation: String?
        let plan: String?
        let notify: [Recipient]
        let subject: String
        let text: String
    }
}
