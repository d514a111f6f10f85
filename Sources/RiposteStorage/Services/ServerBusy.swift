/// The server cannot take this request now; nothing was done (503 with `Retry-After`). Which
/// queue was full, for the log.
package enum ServerBusy: Error, Equatable {
    /// This many writes were already waiting for the SQLite writer.
    case writesWaiting(Int)
    /// A write waited longer than this for the SQLite writer.
    case writeWaited(Duration)
    /// This many password checks were already waiting for a thread.
    case passwordChecksWaiting(Int)
}
