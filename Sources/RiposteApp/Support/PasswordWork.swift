import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import RiposteCore
import RiposteStorage
import SQLiteNIO
import Vapor

extension ServerBusy {
    /// Errors that mean "too busy now", not "wrong": no database connection free in time, a
    /// lock SQLite waited for in vain, too many password checks queued.
    static func matches(_ error: any Error) -> Bool {
        switch error {
        case is ServerBusy, is ConnectionPoolTimeoutError: return true
        case let error as SQLiteError: return error.reason == .busy || error.reason == .locked
        default: return false
        }
    }
}

/// Password hashing and checking (bcrypt, a quarter of a second of one core each) on threads of
/// their own, never on the thread pool the SQLite connections and file reads run on: fifty
/// people signing in at once used to hold both of its threads for seconds, and every page,
/// sign-in or not, waited for a database call behind them. At most `maxWaiting` checks queue
/// up; beyond that a sign-in is answered 503 at once rather than after a minute.
final class PasswordWork: Sendable {
    private let pool: NIOThreadPool
    private let waiting = NIOLockedValueBox(0)
    let maxWaiting: Int
    /// The most common passwords, refused when a password is chosen.
    let common: CommonPasswords
    /// bcrypt's cost for new hashes (a check uses the cost its hash was made with).
    let cost: Int

    /// bcrypt's default, a quarter of a second per hash on this kind of machine.
    static let productionCost = 12
    /// The lowest bcrypt allows: for the tests only.
    static let lowestCost = 4

    init(
        threads: Int = System.coreCount, maxWaiting: Int = 64, common: CommonPasswords = .none,
        cost: Int = productionCost
    ) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        self.maxWaiting = maxWaiting
        self.common = common
        self.cost = cost
    }

    /// A new password as the rules want it (length, bcrypt's limit, not a common one).
    func check(
        _ password: String, confirmation: String? = nil, field: String = "password"
    ) throws(FieldError)
        -> String
    {
        try CredentialRules.password(password, confirmation: confirmation, field: field, common: common)
    }

    /// The list shipped with Riposte (`common-passwords.txt`: the 10,000 most common passwords
    /// of the list Django ships, itself from Royce Williams' compilation of leaked ones).
    static func shippedList() throws -> CommonPasswords {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt") else {
            throw StartupFault.resourceMissing("common-passwords.txt")
        }
        return CommonPasswords(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init))
    }

    func hash(_ password: String, on eventLoop: any EventLoop) async throws -> String {
        let cost = self.cost
        return try await run(on: eventLoop) { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, created hash: String, on eventLoop: any EventLoop) async throws -> Bool {
        try await run(on: eventLoop) { try Bcrypt.verify(password, created: hash) }
    }

    private func run<T: Sendable>(
        on eventLoop: any EventLoop, _ work: @escaping @Sendable () throws -> T
    )
        async throws -> T
    {
        let admitted = waiting.withLockedValue { count -> Bool in
            guard count < maxWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else { throw ServerBusy.passwordChecksWaiting(maxWaiting) }
        defer { waiting.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive(eventLoop: eventLoop, work).get()
    }

    func shutdown() {
        try? pool.syncShutdownGracefully()
    }
}

extension Application {
    private struct PasswordWorkKey: StorageKey {
        typealias Value = PasswordWork
    }

    private struct PasswordWorkShutdown: LifecycleHandler {
        let work: PasswordWork
        func shutdown(_ application: Application) { work.shutdown() }
    }

    /// Made by `configure`, stopped with the application.
    var passwordWork: PasswordWork {
        guard let work = storage[PasswordWorkKey.self] else { fatalError("usePasswordWork(_:) before serving") }
        return work
    }

    func usePasswordWork(_ work: PasswordWork) {
        storage[PasswordWorkKey.self] = work
        lifecycle.use(PasswordWorkShutdown(work: work))
    }
}

extension Request {
    func hashPassword(_ password: String) async throws -> String {
        try await application.passwordWork.hash(password, on: eventLoop)
    }

    func verifyPassword(_ password: String, created hash: String) async throws -> Bool {
        try await application.passwordWork.verify(password, created: hash, on: eventLoop)
    }
}
