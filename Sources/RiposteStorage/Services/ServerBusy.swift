/// The server cannot take this request now; nothing was done (503 with `Retry-After`).
package struct ServerBusy: Error, CustomStringConvertible {
    package let reason: String

    package init(reason: String) {
        self.reason = reason
    }
    package var description: String { "server busy: \(reason)" }
}
