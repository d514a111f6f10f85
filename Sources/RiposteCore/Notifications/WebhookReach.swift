/// Where a webhook may post (#13): not to this machine, its network or a cloud's metadata
/// service (loopback, link-local, private, multicast…), which an administrator's typo or a
/// stolen admin session could otherwise turn into a probe of the inside, unless the
/// organisation allowed that range for an on-premises chat server.
public enum WebhookReach {
    /// The first of a host's addresses a webhook may not reach, or nil when all may be.
    public static func refused(_ addresses: [IPAddress], allowed: [IPRange]) -> IPAddress? {
        addresses.first { address in address.isInternal && !allowed.contains { $0.contains(address) } }
    }
}
