import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import RiposteCore
import RiposteStorage
import Vapor

/// The real channels: e-mail through the configured sendmail command, webhooks over HTTP.
struct LiveTransport: DeliveryTransport {
    let mail: SendmailTransport?
    let eventLoopGroup: any EventLoopGroup
    let targets: WebhookTargets
    let threadPool: NIOThreadPool

    static let webhookTimeout: Int64 = 10

    func send(_ delivery: ClaimedDelivery) async throws {
        switch Outbox.Channel(rawValue: delivery.channel) {
        case .email:
            guard let mail else { throw DeliveryFailure("api.delivery.no_sendmail") }
            try await mail.send(delivery)
        case .webhook:
            try await post(delivery)
        case nil:
            throw DeliveryFailure("api.delivery.unknown_channel", delivery.channel)
        }
    }

    private func post(_ delivery: ClaimedDelivery) async throws {
        // Judged again at each delivery: the name may point elsewhere since it was registered.
        let addresses: [IPAddress]
        switch try await targets.judge(delivery.target, on: threadPool, eventLoop: eventLoopGroup.any()) {
        case .reachable(let judged): addresses = judged
        case .refused(let refused):
            throw DeliveryFailure("api.delivery.refused_address", "\(refused)")
        case .unresolved:
            throw DeliveryFailure("api.delivery.unresolved")
        }
        var request = try HTTPClient.Request(url: delivery.target, method: .POST)
        request.headers.replaceOrAdd(name: .contentType, value: "application/json")
        request.headers.replaceOrAdd(name: .userAgent, value: "Riposte")
        request.headers.replaceOrAdd(name: "X-Riposte-Delivery", value: delivery.id.uuidString.lowercased())
        request.body = .string(delivery.payload)
        let status = try await Self.send(request, pinnedTo: addresses, on: eventLoopGroup)
        guard (200..<300).contains(status.code) else {
            throw DeliveryFailure("api.delivery.webhook_status", String(status.code))
        }
    }

    /// Sends to the address that was judged, never to one the name resolves to a moment later
    /// (DNS rebinding): the connection is pinned, while the Host header, TLS's server name and the
    /// certificate check keep the name. Redirects are not followed, so the answer cannot send
    /// the request inside either. A client per delivery: webhooks are few, and the pin is the
    /// client's setting.
    /// Tries the judged addresses in turn, as a client resolving the name would (a name with
    /// IPv6 and IPv4 addresses, seen from a host without IPv6), but moves on only when no
    /// connection could be made: a message that may have arrived is never sent twice.
    static func send(
        _ request: HTTPClient.Request, pinnedTo addresses: [IPAddress], on group: any EventLoopGroup,
        connectTimeout: Int64 = webhookTimeout
    ) async throws -> HTTPResponseStatus {
        var failure: (any Error)?
        for address in addresses {
            do {
                return try await send(request, pinnedTo: address, on: group, connectTimeout: connectTimeout)
            } catch let error as NotConnected {
                failure = error.underlying
            }
        }
        throw failure.map { DeliveryFailure("api.delivery.unreachable", "\($0)") }
            ?? DeliveryFailure("api.delivery.no_address")
    }

    private struct NotConnected: Error {
        let underlying: any Error
    }

    private static func send(
        _ request: HTTPClient.Request, pinnedTo address: IPAddress, on group: any EventLoopGroup,
        connectTimeout: Int64
    ) async throws -> HTTPResponseStatus {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(connectTimeout), read: .seconds(webhookTimeout)))
        configuration.dnsOverride = [request.host: address.description]
        let client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
        let status: HTTPResponseStatus
        do {
            status = try await client.execute(
                request: request, delegate: StatusOnly(),
                deadline: NIODeadline.now() + TimeAmount.seconds(webhookTimeout)
            ).futureResult.get()
        } catch {
            try? await client.shutdown()
            if Self.neverConnected(error) { throw NotConnected(underlying: error) }
            throw DeliveryFailure("api.delivery.unreachable", "\(error)")
        }
        // The webhook has its message: a client that fails to close must not make it a retry.
        try? await client.shutdown()
        return status
    }
}

extension LiveTransport {
    /// Whether the request failed before any connection was made (nothing was sent).
    static func neverConnected(_ error: any Error) -> Bool {
        if let client = error as? HTTPClientError, client == .connectTimeout { return true }
        if error is NIOConnectionError { return true }
        if let channel = error as? ChannelError, case .connectTimeout = channel { return true }
        if let io = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(io.errnoCode) { return true }
        return false
    }
}

/// Keeps a webhook's answer status, never its body: a receiver cannot make Riposte hold a large
/// answer.
final class StatusOnly: HTTPClientResponseDelegate, Sendable {
    private let status = NIOLockedValueBox(HTTPResponseStatus.ok)

    func didReceiveHead(task: HTTPClient.Task<HTTPResponseStatus>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        status.withLockedValue { $0 = head.status }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<HTTPResponseStatus>) throws -> HTTPResponseStatus {
        status.withLockedValue { $0 }
    }
}
