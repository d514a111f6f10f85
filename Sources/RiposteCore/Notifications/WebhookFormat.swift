/// The shapes a webhook can take: Riposte's own JSON, or the incoming-webhook formats of
/// Slack, Mattermost and Microsoft Teams so a channel shows a readable message.
public enum WebhookFormat: String, Codable, CaseIterable, Sendable {
    case generic
    case slack
    case mattermost
    case teams
}
