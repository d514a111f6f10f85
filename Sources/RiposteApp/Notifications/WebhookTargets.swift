import Foundation
import RiposteCore
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Judges a webhook's address by what its host resolves to now (`WebhookReach`): when it is
/// registered and again before each delivery, so a name pointed at the inside later is caught
/// too. `RIPOSTE_WEBHOOK_ALLOWED_NETWORKS` (addresses or CIDR ranges, comma-separated) lets an
/// on-premises chat server on a private network be reached.
struct WebhookTargets: Sendable {
    let allowed: [IPRange]

    static func fromEnvironment() throws -> WebhookTargets {
        let text = Environment.get("RIPOSTE_WEBHOOK_ALLOWED_NETWORKS") ?? ""
        guard let ranges = IPRange.list(text) else {
            throw StartupFault.notNetworks(variable: "RIPOSTE_WEBHOOK_ALLOWED_NETWORKS", value: text)
        }
        return WebhookTargets(allowed: ranges)
    }

    enum Verdict: Equatable {
        /// Every address of the host may be reached; the delivery tries them in this order.
        case reachable([IPAddress])
        /// The host resolves to an address a webhook may not reach.
        case refused(IPAddress)
        /// The host does not resolve now: nothing to judge yet.
        case unresolved
    }

    func judge(_ url: String, on threadPool: NIOThreadPool, eventLoop: any EventLoop) async throws -> Verdict {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return .unresolved }
        let addresses = try await threadPool.runIfActive(eventLoop: eventLoop) { Self.resolve(host) }.get()
        if addresses.isEmpty { return .unresolved }
        if let refused = WebhookReach.refused(addresses, allowed: allowed) { return .refused(refused) }
        return .reachable(addresses)
    }

    /// The host's addresses as the system resolves them (numeric forms such as `0x7f.1` or
    /// `2130706433` included, which is why the judgement is made on the result, not the text).
    static func resolve(_ host: String) -> [IPAddress] {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socket = entry.pointee.ai_addr {
                switch Int32(socket.pointee.sa_family) {
                case AF_INET:
                    socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        let raw = withUnsafeBytes(of: v4.pointee.sin_addr) { Array($0) }
                        if let address = IPAddress(bytes: raw) { addresses.append(address) }
                    }
                case AF_INET6:
                    socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        let raw = withUnsafeBytes(of: v6.pointee.sin6_addr) { Array($0) }
                        if let address = IPAddress(bytes: raw) { addresses.append(address) }
                    }
                default: break
                }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}

extension Application {
    private struct WebhookTargetsKey: StorageKey {
        typealias Value = WebhookTargets
    }

    var webhookTargets: WebhookTargets {
        get { storage[WebhookTargetsKey.self] ?? WebhookTargets(allowed: []) }
        set { storage[WebhookTargetsKey.self] = newValue }
    }
}
