import FluentKit
import FluentSQL
import NIOConcurrencyHelpers
import SQLKit

/// Where write transactions run.
///
/// PostgreSQL: each in its own transaction; row locks order the writers of one incident.
///
/// SQLite has a single writer and syncs its log at every commit (`synchronous=FULL`).
/// Writes are queued here and run in turn on a connection of their own, and the ones that
/// queued up while a commit was syncing share the next transaction (group commit): each
/// inside its own savepoint, so a write that fails leaves nothing behind, and none is
/// acknowledged before the commit that holds it is on disk.
///
/// Writes of one kind that meet in a batch (`GroupableWrite`: new incidents) also share their
/// statements: eight filings are one INSERT per table instead of eight, as every statement is
/// a round trip to SQLite's thread, and the writer's round trips were what bounded filings.
/// If the group fails, its writes are run again one by one, so only the one at fault is refused.
///
/// The writer never copies its log back into the database file itself (SQLite's automatic
/// checkpoint would do it inside a commit, holding every queued write): a moment after a
/// commit, a passive checkpoint runs on a reading connection, one at a time, while writes go on.
package final class WriteGate: Sendable {
    private let writer: (any Database)?
    private let checkpointer: (any Database)?
    private let state = NIOLockedValueBox(State())
    /// The SLA targets last read in this process: every change of them is a write through
    /// this gate, which drops them (see `SettingsStore.save`).
    package let slaCache = SLACache()
    /// When SQLite's search index was last merged, and how much was filed since.
    package let searchUpkeep = SearchIndexUpkeep()

    private struct State {
        var pending: [PendingWrite] = []
        var draining = false
        /// The writer's connection has its settings (they last as long as the connection).
        var configured = false
        var checkpointing = false
    }

    /// At most this many writes share one commit, so one batch's latency stays bounded.
    package static let maxBatch = 64
    /// A write that waited this long for the writer is refused (503, nothing done) rather than
    /// run after its client gave up; so is one that finds this many already waiting (#13).
    package let maxWait: Duration
    package let maxPending: Int

    /// `writer`: the SQLite database to batch writes on; nil for PostgreSQL. `checkpointer`:
    /// another handle on the same file, for checkpoints.
    package init(
        sqliteWriter writer: (any Database)?, checkpointer: (any Database)? = nil, maxWait: Duration = .seconds(10),
        maxPending: Int = 5_000
    ) {
        self.writer = writer
        self.checkpointer = checkpointer
        self.maxWait = maxWait
        self.maxPending = maxPending
    }

    package func transaction<T: Sendable>(
        on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard writer != nil else { return try await database.transaction(body) }
        let box = NIOLockedValueBox<T?>(nil)
        try await enqueue(
            .alone { tx in
                let value = try await body(tx)
                box.withLockedValue { $0 = value }
            })
        return box.withLockedValue { $0! }
    }

    /// Stores `write`, with the others of its kind that share its batch on SQLite; alone in
    /// its own transaction on PostgreSQL.
    package func store<Write: GroupableWrite>(_ write: Write, on database: any Database) async throws {
        guard writer != nil else { return try await database.transaction { try await Write.store([write], on: $0) } }
        try await enqueue(.grouped(write))
    }

    private func enqueue(_ work: PendingWrite.Work) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let write = PendingWrite(continuation: continuation, work: work, queuedAt: .now)
            let admitted = state.withLockedValue { state -> Bool? in
                guard state.pending.count < self.maxPending else { return nil }
                state.pending.append(write)
                defer { state.draining = true }
                return !state.draining
            }
            guard let startDraining = admitted else {
                continuation.resume(throwing: ServerBusy.writesWaiting(self.maxPending))
                return
            }
            if startDraining { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLockedValue { state -> [PendingWrite] in
                let batch = Array(state.pending.prefix(Self.maxBatch))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            let now = ContinuousClock.now
            let stale = batch.filter { now - $0.queuedAt > self.maxWait }
            for write in stale {
                write.continuation.resume(throwing: ServerBusy.writeWaited(self.maxWait))
            }
            let fresh = stale.isEmpty ? batch : batch.filter { now - $0.queuedAt <= self.maxWait }
            if !fresh.isEmpty { await run(fresh) }
        }
    }

    private func run(_ batch: [PendingWrite]) async {
        guard let writer else { return }
        let outcomes = NIOLockedValueBox<[(any Error)?]>(Array(repeating: nil, count: batch.count))
        do {
            // BEGIN IMMEDIATE takes the write lock first: a transaction that read before
            // writing could be refused outright (SQLITE_BUSY) by another process's writer.
            try await writer.withConnection { tx in
                let sql = try tx.sql()
                if !self.state.withLockedValue({ $0.configured }) {
                    // Each write's savepoint copies the pages it changes to a statement journal:
                    // in memory, not in a temporary file; a page cache (16 MiB) big enough that a
                    // large batch (a sweep writes thousands of rows) rarely spills before its
                    // commit; and no checkpoint inside commits (see `checkpoint`).
                    try await sql.raw("PRAGMA temp_store = MEMORY").run()
                    // SQLiteNIO's busy handler retries at once and for ever, holding a thread of
                    // the pool the readers need; another process's writer (`riposte sweep`
                    // beside `serve`) is waited for, sleeping, for a bounded time instead.
                    try await sql.raw(
                        "PRAGMA busy_timeout = \(unsafeRaw: String(SQLiteReaderCache.busyTimeoutMilliseconds))"
                    ).run()
                    try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(SQLiteReaderCache.kibibytes))").run()
                    if self.checkpointer != nil { try await sql.raw("PRAGMA wal_autocheckpoint = 0").run() }
                    self.state.withLockedValue { $0.configured = true }
                }
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    for group in Self.groups(of: batch) {
                        let writes = group.map { batch[$0].grouped! }
                        guard
                            let error = try await Self.attempt(
                                on: tx, { try await writes[0].store(with: writes, on: $0) })
                        else { continue }
                        if group.count == 1 {
                            outcomes.withLockedValue { $0[group[0]] = error }
                            continue
                        }
                        for (index, write) in zip(group, writes) {
                            let failure = try await Self.attempt(on: tx) {
                                try await write.store(with: [write], on: $0)
                            }
                            outcomes.withLockedValue { $0[index] = failure }
                        }
                    }
                    for (index, write) in batch.enumerated() {
                        guard case .alone(let body) = write.work else { continue }
                        let failure = try await Self.attempt(on: tx, body)
                        outcomes.withLockedValue { $0[index] = failure }
                    }
                    try await sql.raw("COMMIT").run()
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        } catch {
            // The commit itself failed: nothing of this batch is stored. The connection may
            // be a new one next time: its settings are made again.
            state.withLockedValue { $0.configured = false }
            for write in batch { write.continuation.resume(throwing: error) }
            return
        }
        checkpoint()
        let errors = outcomes.withLockedValue { $0 }
        for (write, error) in zip(batch, errors) {
            if let error { write.continuation.resume(throwing: error) } else { write.continuation.resume() }
        }
    }

    /// Runs `body` in a savepoint of the batch's transaction; its error, after rolling back
    /// what it did. Savepoints are left open on success: the commit releases them all, and
    /// `ROLLBACK TO` names the newest one, this write's. One statement saved per write.
    private static func attempt(
        on tx: any Database, _ body: @Sendable (any Database) async throws -> Void
    ) async throws -> (any Error)? {
        let sql = try tx.sql()
        try await sql.raw("SAVEPOINT riposte_write").run()
        do {
            try await body(tx)
            return nil
        } catch {
            try await sql.raw("ROLLBACK TO SAVEPOINT riposte_write").run()
            return error
        }
    }

    /// The positions of the batch's grouped writes, by kind, each kind once, in order.
    private static func groups(of batch: [PendingWrite]) -> [[Int]] {
        var groups: [ObjectIdentifier: [Int]] = [:]
        var kinds: [ObjectIdentifier] = []
        for (index, write) in batch.enumerated() {
            guard let grouped = write.grouped else { continue }
            let kind = ObjectIdentifier(type(of: grouped))
            if groups[kind] == nil { kinds.append(kind) }
            groups[kind, default: []].append(index)
        }
        return kinds.map { groups[$0]! }
    }
}

/// A write that can share its statements with the others of its kind queued in the same
/// SQLite batch (see `WriteGate`).
package protocol GroupableWrite: Sendable {
    /// Stores all of `writes`, or throws and leaves the transaction for its caller to roll back.
    static func store(_ writes: [Self], on database: any Database) async throws
}

extension GroupableWrite {
    /// `Self.store`, reached from writes the gate only knows as `any GroupableWrite`: those
    /// of a group are all of one type.
    fileprivate func store(with writes: [any GroupableWrite], on database: any Database) async throws {
        try await Self.store(writes.map { $0 as! Self }, on: database)
    }
}

extension WriteGate {
    /// How long after a commit its checkpoint waits, so that the commits of a burst (a sweep's
    /// batches, a queue of filings) share one checkpoint instead of one running beside each,
    /// competing with the writer for the disk and the two cores.
    package static let checkpointDelay = Duration.milliseconds(100)

    /// Copies the log into the database file without blocking the writer or the readers
    /// (`PASSIVE`), a moment after a commit; one at a time, so a burst of commits costs one
    /// pass, not one each.
    fileprivate func checkpoint() {
        guard let checkpointer else { return }
        let start = state.withLockedValue { state -> Bool in
            defer { state.checkpointing = true }
            return !state.checkpointing
        }
        guard start else { return }
        Task {
            try? await Task.sleep(for: Self.checkpointDelay)
            _ = try? await checkpointer.sql().raw("PRAGMA wal_checkpoint(PASSIVE)").all()
            state.withLockedValue { $0.checkpointing = false }
        }
    }
}

private struct PendingWrite: Sendable {
    enum Work: Sendable {
        case alone(@Sendable (any Database) async throws -> Void)
        case grouped(any GroupableWrite)
    }

    let continuation: CheckedContinuation<Void, any Error>
    let work: Work
    let queuedAt: ContinuousClock.Instant

    var grouped: (any GroupableWrite)? {
        if case .grouped(let write) = work { return write }
        return nil
    }
}

extension DatabaseID {
    /// A second handle on the SQLite file, used only by the `WriteGate`, so that writes
    /// never wait behind reads for a connection.
    package static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}
