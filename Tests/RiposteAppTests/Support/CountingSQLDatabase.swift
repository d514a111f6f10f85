import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

@testable import RiposteStorage

/// A database that counts the statements sent through it, to hold a page to its budget: those
/// of SQLKit, and those the stores run on the driver.
final class CountingSQLDatabase: ObservedSQLDatabase, @unchecked Sendable {
    private let base: any SQLDatabase
    private let count = NIOLockedValueBox(0)

    init(_ base: any SQLDatabase) { self.base = base }

    var statements: Int { count.withLockedValue { $0 } }
    var observed: any SQLDatabase { base }
    func willRunOnDriver() { count.withLockedValue { $0 += 1 } }
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    )
        -> EventLoopFuture<Void>
    {
        count.withLockedValue { $0 += 1 }
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        count.withLockedValue { $0 += 1 }
        try await base.execute(sql: query, onRow)
    }
}
