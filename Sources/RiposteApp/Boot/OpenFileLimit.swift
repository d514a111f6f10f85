#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Each connection holds a file descriptor, and Vapor keeps a connection whose headers trickle
/// in a byte at a time until its idle timeout: the usual soft limit (1,024) let 200 such
/// connections take a fifth of the server's capacity. `serve` raises the soft limit to the hard
/// one the system grants, so holding the server takes tens of thousands of connections.
enum OpenFileLimit {
    /// The soft limit before and after; unchanged when the system refuses.
    @discardableResult
    static func raiseToHardLimit() -> (before: UInt64, after: UInt64) {
        var limit = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return (0, 0) }
        let before = UInt64(limit.rlim_cur)
        guard limit.rlim_cur < limit.rlim_max else { return (before, before) }
        var raised = limit
        raised.rlim_cur = limit.rlim_max
        guard setrlimit(resource, &raised) == 0 else { return (before, before) }
        return (before, UInt64(raised.rlim_cur))
    }
}
