import Foundation
import NIOConcurrencyHelpers
import RiposteCore
import Testing
import Vapor

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Webhook deliveries over HTTP")
struct LiveTransportTests {
    /// A webhook receiver on loopback: records the Host header and body of what it gets.
    func withReceiver(
        _ body: (Int, NIOLockedValueBox<[(host: String, body: String)]>) async throws -> Void
    )
        async throws
    {
        let received = NIOLockedValueBox<[(host: String, body: String)]>([])
        let receiver = try await Application.make(.testing)
        receiver.http.server.configuration.hostname = "127.0.0.1"
        receiver.http.server.configuration.port = 0
        receiver.post("hook") { req -> HTTPStatus in
            received.withLockedValue {
                $0.append((req.headers.first(name: .host) ?? "", req.body.string ?? ""))
            }
            return .noContent
        }
        receiver.get("moved") { req in req.redirect(to: "http://127.0.0.1:9/elsewhere") }
        try await receiver.server.start()
        do {
            let port = try #require(receiver.http.server.shared.localAddress?.port)
            try await body(port, received)
        } catch {
            await receiver.server.shutdown()
            try await receiver.asyncShutdown()
            throw error
        }
        await receiver.server.shutdown()
        try await receiver.asyncShutdown()
    }

    @Test("the request goes to the address judged, not to what the name resolves to later") func pinned()
        async throws
    {
        try await withReceiver { port, received in
            // A name that resolves nowhere: only the pin can take the request to the receiver.
            var request = try HTTPClient.Request(url: "http://rebound.riposte.invalid:\(port)/hook", method: .POST)
            request.body = .string(#"{"text":"ok"}"#)
            let status = try await LiveTransport.send(
                request, pinnedTo: [try #require(IPAddress("127.0.0.1"))], on: MultiThreadedEventLoopGroup.singleton)
            #expect(status == .noContent)
            let got = received.withLockedValue { $0 }
            #expect(got.count == 1)
            #expect(got.first?.host == "rebound.riposte.invalid:\(port)", "the name stays in the Host header")
            #expect(got.first?.body == #"{"text":"ok"}"#)
        }
    }

    @Test("an address that takes no connection is skipped for the next one judged") func nextAddress() async throws {
        try await withReceiver { port, received in
            // Nothing listens on 127.0.0.2 at the receiver's port (it listens on 127.0.0.1 only).
            var request = try HTTPClient.Request(url: "http://dual.riposte.invalid:\(port)/hook", method: .POST)
            request.body = .string("{}")
            let status = try await LiveTransport.send(
                request,
                pinnedTo: [try #require(IPAddress("127.0.0.2")), try #require(IPAddress("127.0.0.1"))],
                on: MultiThreadedEventLoopGroup.singleton, connectTimeout: 2)
            #expect(status == .noContent)
            #expect(received.withLockedValue { $0.count } == 1, "sent once")
        }
    }

    @Test("a redirect is not followed") func noRedirect() async throws {
        try await withReceiver { port, _ in
            let request = try HTTPClient.Request(url: "http://hooks.riposte.invalid:\(port)/moved", method: .GET)
            let status = try await LiveTransport.send(
                request, pinnedTo: [try #require(IPAddress("127.0.0.1"))], on: MultiThreadedEventLoopGroup.singleton)
            #expect(status.code == 303 || status.code == 302)
        }
    }

    @Test("a host that does not resolve is a failed delivery, not a guess") func unresolved() async throws {
        let transport = LiveTransport(
            mail: nil, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            targets: WebhookTargets(allowed: []), threadPool: .singleton)
        let delivery = ClaimedDelivery(
            id: UUID(), channel: "webhook", target: "http://nowhere.riposte.invalid/hook", subject: "",
            payload: "{}", attempt: 1)
        await #expect(throws: DeliveryFailure.self) { try await transport.send(delivery) }
    }
}
