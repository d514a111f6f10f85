import NIOConcurrencyHelpers
import NIOCore
import SQLiteNIO

/// The page cache of SQLite's reading connections. Fluent opens them with SQLite's default
/// of 2 MiB, less than a register's pages and the rows a search sorts: a search matching a
/// common word read its rows again through the kernel each time, twice as slow as with
/// 16 MiB. Fluent has no hook for new connections, so each is given its
/// cache the first time the register reads through it.
package enum SQLiteReaderCache {
    /// In KiB, as `PRAGMA cache_size` takes a negative size; the writer's is the same.
    package static let kibibytes = 16_384
    /// How long a connection waits for a lock another connection holds before giving up with
    /// SQLITE_BUSY (then a 503), sleeping meanwhile. SQLiteNIO's own handler never gives up.
    package static let busyTimeoutMilliseconds = 5_000

    /// The connections sized so far, weakly: a connection opened where a closed one lived has
    /// the same `ObjectIdentifier`, and must be sized all the same.
    private static let sized = NIOLockedValueBox([ObjectIdentifier: Sized]())

    private struct Sized {
        weak var connection: SQLiteConnection?
    }

    package static func size(_ connection: SQLiteConnection) -> EventLoopFuture<Void> {
        let first = sized.withLockedValue { sized -> Bool in
            let key = ObjectIdentifier(connection)
            if sized[key]?.connection === connection { return false }
            sized[key] = Sized(connection: connection)
            // Closed connections leave entries behind; a pool opens few, but drop them now and then.
            if sized.count > 256 { sized = sized.filter { $0.value.connection != nil } }
            return true
        }
        guard first else { return connection.eventLoop.makeSucceededVoidFuture() }
        return connection.query("PRAGMA cache_size = -\(kibibytes)").flatMap { _ in
            connection.query("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
        }.map { _ in }
    }
}
