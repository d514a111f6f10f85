import Foundation
import Vapor

/// The real channels: e-mail through the configured sendmail command, webhooks over HTTP.
struct LiveTransport: DeliveryTransport {
    let mail: SendmailTransport?
    let client: any Client
    let targets: WebhookTargets
    let threadPool: NIOThreadPool

    static let webhookTimeout: Int64 = 10

    func send(_ delivery: ClaimedDelivery) async throws {
        switch Outbox.Channel(rawValue: delivery.channel) {
        case .email:
            guard let mail else { throw DeliveryFailure(description: "No sendmail command is configured.") }
            try await mail.send(delivery)
        case .webhook:
            try await post(delivery)
        case nil:
            throw DeliveryFailure(description: "Unknown channel \(delivery.channel).")
        }
    }

    private func post(_ delivery: ClaimedDelivery) async throws {
        // Judged again at each delivery: the name may point elsewhere since it was registered.
        // Redirects are not followed (the client is set so), so the answer cannot send us inside.
        if case .refused(let address) = try await targets.judge(
            delivery.target, on: threadPool, eventLoop: client.eventLoop)
        {
            throw DeliveryFailure(
                description: "The webhook's host resolves to \(address), an address webhooks may not reach.")
        }
        var request = ClientRequest(method: .POST, url: URI(string: delivery.target))
        request.headers.contentType = .json
        request.headers.replaceOrAdd(name: .userAgent, value: "Riposte")
        request.headers.replaceOrAdd(name: "X-Riposte-Delivery", value: delivery.id.uuidString.lowercased())
        request.body = ByteBuffer(string: delivery.payload)
        request.timeout = .seconds(Self.webhookTimeout)
        let response: ClientResponse
        do {
            response = try await client.send(request)
        } catch {
            throw DeliveryFailure(description: "Could not reach the webhook: \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryFailure(description: "The webhook answered HTTP \(response.status.code).")
        }
    }
}
