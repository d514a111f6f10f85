import Foundation
import SQLiteNIO
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("SQLite reading connections' page cache")
struct SQLiteReaderCacheTests {
    @Test("every new connection gets the larger cache, one after another")
    func newConnectionsAreSized() async throws {
        // Opened and closed one after the other, as a pool replaces its connections. A new one
        // may live where a closed one did (the same ObjectIdentifier): whether the allocator
        // does so here cannot be forced, which is why the cache keeps its connections weakly.
        for _ in 0..<20 {
            let connection = try await SQLiteConnection.open(storage: .memory).get()
            try await SQLiteReaderCache.size(connection).get()
            let rows = try await connection.query("PRAGMA cache_size").get()
            let size: Int? = rows.first?.column("cache_size")?.integer.map { Int($0) }
            #expect(size == -SQLiteReaderCache.kibibytes)
            try await connection.close().get()
        }
    }
}
