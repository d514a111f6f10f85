import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import RiposteStorage
import SQLKit
import Vapor

/// Which database to use: PostgreSQL when `DATABASE_URL` is set, else an SQLite file
/// (`RIPOSTE_DB`, default `riposte.sqlite` in the working directory).
enum DatabaseChoice: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    static func fromEnvironment() -> DatabaseChoice {
        if let url = Environment.get("DATABASE_URL"), !url.isEmpty { return .postgres(url: url) }
        return .sqlite(path: Environment.get("RIPOSTE_DB").flatMap { $0.isEmpty ? nil : $0 } ?? "riposte.sqlite")
    }
}

enum DatabaseSetup {
    static func use(_ choice: DatabaseChoice, on app: Application) throws {
        switch choice {
        case .sqlite(let path):
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite, isDefault: true)
            app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqliteWriter, isDefault: false)
            app.writeGate = WriteGate(sqliteWriter: app.db(.sqliteWriter), checkpointer: app.db(.sqlite))
            app.registerReaders = nil
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = nil
            let connections = Environment.get("RIPOSTE_DB_POOL").flatMap(Int.init) ?? 8
            // How long a request waits for a connection before it is answered 503 (busy).
            let wait = TimeAmount.seconds(Environment.get("RIPOSTE_DB_POOL_WAIT").flatMap(Int64.init) ?? 10)
            app.databases.use(
                .postgres(
                    configuration: configuration, maxConnectionsPerEventLoop: connections, connectionPoolTimeout: wait,
                    sqlLogLevel: .trace),
                as: .psql)
            let readers = Environment.get("RIPOSTE_DB_READ_POOL").flatMap(Int.init) ?? 1
            app.databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: readers, sqlLogLevel: .trace),
                as: .psqlReaders, isDefault: false)
            app.writeGate = WriteGate(sqliteWriter: nil)
            app.registerReaders = .psqlReaders
        }
    }

}

extension DatabaseID {
    /// PostgreSQL connections for the register's pages, searches and incidents: one per event
    /// loop, i.e. per core, by default. These reads are bound by the cores: with many more
    /// backends busy than cores, a search's p99 grew to several times its median. Commits
    /// mostly wait for the disk, and more of them share each flush when more run at once
    /// (filing with fewer connections was much slower), so writes and everything else keep
    /// the main pool.
    static let psqlReaders = DatabaseID(string: "psql-readers")
}

extension Application {
    private struct RegisterReadersKey: StorageKey {
        typealias Value = DatabaseID
    }

    /// The pool the register is read from when it has one of its own (PostgreSQL's readers).
    var registerReaders: DatabaseID? {
        get { storage[RegisterReadersKey.self] }
        set { storage[RegisterReadersKey.self] = newValue }
    }
}

extension Request {
    /// Where the register is read: the readers' pool on PostgreSQL; on SQLite the pool of
    /// reading connections, which is the default one (the writer has its own).
    var registerSQL: any SQLDatabase {
        get throws { try application.registerReaders.map { try db($0).sql() } ?? sql }
    }
}
