import Foundation
import RiposteCore
import Vapor

/// How Riposte sends what it has to say, from the environment:
/// - `RIPOSTE_SENDMAIL`: a sendmail-compatible command reading the message on stdin, such as
///   `msmtp -t` or `/usr/sbin/sendmail -t`; without it there is no e-mail channel;
/// - `RIPOSTE_MAIL_FROM`: the sender address (`riposte@localhost` by default);
/// - `RIPOSTE_DISPATCH_INTERVAL`: seconds between two looks at the outbox in `serve` (2; 0 stops it);
/// - `RIPOSTE_DELIVERY_RETRY_BASE` and `RIPOSTE_DELIVERY_MAX_ATTEMPTS`: the retry backoff;
/// - `RIPOSTE_PUBLIC_URL`: the address outsiders reach Riposte by, for the links e-mails to them
///   carry; never taken from a request, whose `Host` anyone may write (#18).
struct NotificationSettings: Sendable {
    var sendmail: [String]?
    var mailFrom: String
    var dispatchInterval: Double
    var policy: DeliveryPolicy
    var publicURL: String? = nil

    static let disabled = NotificationSettings(
        sendmail: nil, mailFrom: "riposte@localhost", dispatchInterval: 0, policy: DeliveryPolicy())

    static func fromEnvironment() -> NotificationSettings {
        let command = Environment.get("RIPOSTE_SENDMAIL").map { $0.split(separator: " ").map(String.init) }
        return NotificationSettings(
            sendmail: command?.isEmpty == false ? command : nil,
            mailFrom: Environment.get("RIPOSTE_MAIL_FROM") ?? "riposte@localhost",
            dispatchInterval: Environment.get("RIPOSTE_DISPATCH_INTERVAL").flatMap(Double.init) ?? 2,
            policy: DeliveryPolicy(
                base: Environment.get("RIPOSTE_DELIVERY_RETRY_BASE").flatMap(Double.init) ?? 30,
                maxAttempts: Environment.get("RIPOSTE_DELIVERY_MAX_ATTEMPTS").flatMap(Int.init) ?? 8),
            publicURL: Environment.get("RIPOSTE_PUBLIC_URL").flatMap { $0.isEmpty ? nil : $0 }.map {
                $0.hasSuffix("/") ? String($0.dropLast()) : $0
            })
    }
}

extension Application {
    private struct NotificationSettingsKey: StorageKey {
        typealias Value = NotificationSettings
    }

    var notificationSettings: NotificationSettings {
        get { storage[NotificationSettingsKey.self] ?? .disabled }
        set { storage[NotificationSettingsKey.self] = newValue }
    }
}
