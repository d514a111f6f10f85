import Foundation
import RiposteCore
import Vapor

/// One in-app notification, written in the reader's language.
struct NotificationDTO: Content {
    let id: UUID
    let event: NotificationEventKind
    let incidentId: UUID?
    let incidentNumber: String
    let subject: String
    let text: String
    let role: Role
    let flow: Int?
    let createdAt: Date
    let readAt: Date?
    /// An alert about a major incident or a crisis, which one holder of the role acknowledges
    /// (`POST /notifications/{id}/acknowledge`); unanswered, it goes to the backup, then the
    /// administrators.
    let needsAcknowledgement: Bool
    /// When, and by whom, the alert was acknowledged (by this reader or another holder).
    let acknowledgedAt: Date?
    let acknowledgedBy: UUID?
}

struct NotificationPageDTO: Content {
    let items: [NotificationDTO]
    let unreadCount: Int
}

/// A message to send and what became of it; a webhook's address is shown without its secret.
struct DeliveryDTO: Content {
    struct Attempt: Content {
        let attempt: Int
        let at: Date
        let outcome: String
        let error: String?
    }

    let id: UUID
    let event: String
    let channel: String
    let target: String
    let webhookId: UUID?
    let subject: String
    let state: String
    let attempts: Int
    let nextAttemptAt: Date?
    let lastError: String?
    let createdAt: Date
    let deliveredAt: Date?
    let history: [Attempt]
}

struct DeliveryPageDTO: Content {
    let items: [DeliveryDTO]
}

struct WebhookDTO: Content {
    let id: UUID
    let url: String
    let format: WebhookFormat
    let events: [NotificationEventKind]
    let createdAt: Date
}

struct WebhookPageDTO: Content {
    let items: [WebhookDTO]
}

struct NewWebhookBody: Content {
    let url: String
    let format: WebhookFormat
    let events: [NotificationEventKind]
}
