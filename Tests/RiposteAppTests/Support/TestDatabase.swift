import FluentPostgresDriver
import Foundation
import PostgresNIO
import Vapor

@testable import RiposteApp

/// A fresh database per test: an SQLite file in a temporary folder by default, or,
/// when `DATABASE_URL` is set, a PostgreSQL database copied from a migrated template.
struct TestDatabase: Sendable {
    let choice: DatabaseChoice
    private let cleanup: @Sendable () async -> Void

    static var usesPostgres: Bool { !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty }

    static func make() async throws -> TestDatabase {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            return try await PostgresTemplates.shared.freshDatabase(serverURL: url)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return TestDatabase(choice: .sqlite(path: folder.appendingPathComponent("test.sqlite").path)) {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    init(choice: DatabaseChoice, cleanup: @escaping @Sendable () async -> Void) {
        self.choice = choice
        self.cleanup = cleanup
    }

    func drop() async { await cleanup() }
}

/// Creates the template once per test process, then one copy per test: copying a
/// template is much faster than migrating every time.
extension PostgresConnection {
    /// Test-only DDL with names the tests make themselves (never user input).
    func run(_ sql: String) async throws {
        _ = try await query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "riposte.tests.admin"))
    }
}

struct TestDatabaseFailure: Error, CustomStringConvertible {
    let description: String
}

actor PostgresTemplates {
    static let shared = PostgresTemplates()
    /// One task, awaited by every test: the actor is reentrant across awaits.
    private var template: Task<String, any Error>?

    func freshDatabase(serverURL: String) async throws -> TestDatabase {
        let template = try await ensureTemplate(serverURL: serverURL)
        let name = "riposte_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        // Copies of one template made at once can collide on a loaded server (the template still
        // held by the copy before, a connection refused): try again a few times, then say why.
        var attempt = 0
        while true {
            do {
                try await Self.admin(serverURL) { try await $0.run("CREATE DATABASE \(name) TEMPLATE \(template)") }
                break
            } catch {
                attempt += 1
                guard attempt < 5 else {
                    throw TestDatabaseFailure(description: "CREATE DATABASE: \(String(reflecting: error))")
                }
                try? await Self.admin(serverURL) { try await $0.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                try await Task.sleep(for: .milliseconds(300 * attempt))
            }
        }
        let url = Self.url(serverURL, database: name)
        return TestDatabase(choice: .postgres(url: url)) {
            try? await Self.admin(serverURL) { try await $0.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
    }

    private func ensureTemplate(serverURL: String) async throws -> String {
        if let template { return try await template.value }
        let task = Task { try await Self.makeTemplate(serverURL: serverURL) }
        template = task
        return try await task.value
    }

    private static func makeTemplate(serverURL: String) async throws -> String {
        let name = "riposte_template_\(getpid())"
        try await admin(serverURL) { connection in
            try await connection.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try await connection.run("CREATE DATABASE \(name)")
        }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, database: .postgres(url: url(serverURL, database: name)))
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return name
    }

    /// Runs statements on the server's maintenance database (CREATE/DROP DATABASE).
    static func admin(_ serverURL: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        var configuration = try SQLPostgresConfiguration(url: url(serverURL, database: "postgres")).coreConfiguration
        configuration.options.connectTimeout = .seconds(10)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "riposte.tests.admin"))
        do {
            try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// The same server URL with another database name.
    static func url(_ serverURL: String, database: String) -> String {
        guard var components = URLComponents(string: serverURL) else { return serverURL }
        components.path = "/" + database
        return components.string ?? serverURL
    }
}
