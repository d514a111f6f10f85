import RiposteCore
import Vapor

/// Who is asking: the peer's address, or, when the peer is one of `RIPOSTE_TRUSTED_PROXIES`
/// (comma-separated addresses and CIDR ranges), the nearest address of `X-Forwarded-For`
/// that is not a trusted proxy. Anyone can send the header; only a proxy we trust is believed,
/// so a client cannot pick the address its sign-in attempts are counted against.
struct TrustedProxies: Sendable {
    let ranges: [IPRange]

    static func fromEnvironment() throws -> TrustedProxies {
        let text = Environment.get("RIPOSTE_TRUSTED_PROXIES") ?? ""
        guard let ranges = IPRange.list(text) else {
            throw StartupFault.notNetworks(variable: "RIPOSTE_TRUSTED_PROXIES", value: text)
        }
        return TrustedProxies(ranges: ranges)
    }

    func trusts(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }

    func client(peer: String?, forwardedFor: [String]) -> String {
        guard let peer, let peerAddress = IPAddress(peer) else { return peer ?? "unknown" }
        guard trusts(peerAddress) else { return peerAddress.description }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peerAddress
        for hop in hops.reversed() {
            guard let address = IPAddress(hop) else { break }
            client = address
            if !trusts(address) { break }
        }
        return client.description
    }
}

extension Application {
    private struct TrustedProxiesKey: StorageKey {
        typealias Value = TrustedProxies
    }

    var trustedProxies: TrustedProxies {
        get { storage[TrustedProxiesKey.self] ?? TrustedProxies(ranges: []) }
        set { storage[TrustedProxiesKey.self] = newValue }
    }
}

extension Request {
    /// The client's address as far as it can be trusted (see `TrustedProxies`).
    var clientAddress: String {
        application.trustedProxies.client(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }
}
