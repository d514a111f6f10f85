import Fluent
import RiposteStorage
import SQLKit
import Vapor

/// While `riposte serve` runs: the escalation sweep every `RIPOSTE_SWEEP_INTERVAL` seconds
/// (30 by default) and the outbox dispatcher every `RIPOSTE_DISPATCH_INTERVAL` seconds (2);
/// 0 turns either off. Every second, SQLite's search index is merged if due
/// (`SearchIndexUpkeep`); every five minutes, sessions past their
/// limits and old sign-in counts are deleted; with `RIPOSTE_BACKUP_DIR`, a backup is taken
/// every day. Tests run these themselves, with their own clock.
final class BackgroundJobs: LifecycleHandler, @unchecked Sendable {
    private var tasks: [Task<Void, Never>] = []

    func didBootAsync(_ app: Application) async throws {
        let command = app.environment.arguments.dropFirst().first
        guard command == nil || command == "serve", app.environment != .testing else { return }
        let clock = app.clock
        let logger = app.logger
        let sweep = app.escalationSweep
        let metrics = app.metrics
        every(Environment.get("RIPOSTE_SWEEP_INTERVAL").flatMap(Double.init) ?? 30, logger: logger) {
            let started = ContinuousClock.now
            let outcomes = try await sweep.run(at: clock.now(), dryRun: false)
            metrics.swept(took: ContinuousClock.now - started, incidents: outcomes.count)
            guard !outcomes.isEmpty else { return }
            // What a sweep costs in the running server (bench/sweep reads this line).
            logger.notice(
                "swept",
                metadata: [
                    "incidents": "\(outcomes.count)",
                    "escalations": "\(outcomes.escalationCount)",
                    "milliseconds": "\((ContinuousClock.now - started).millisecondsText)",
                ])
            for outcome in outcomes {
                logger.notice(
                    "escalated",
                    metadata: [
                        "incident": "\(outcome.number)",
                        "kinds": "\(outcome.escalations.map(\.kind.rawValue).joined(separator: ","))",
                    ])
            }
        }
        let gate = app.writeGate
        let database = app.db
        every(1, logger: logger) {
            let started = ContinuousClock.now
            guard try await gate.searchUpkeep.mergeIfDue(at: clock.now(), gate: gate, on: database) else { return }
            logger.info(
                "merged-search-index",
                metadata: ["milliseconds": "\((ContinuousClock.now - started).millisecondsText)"])
        }
        let sessions = WebSessionStore(database: database, gate: gate)
        let attempts = SignInAttempts(database: database, gate: gate)
        let policy = app.sessionPolicy
        let files = app.files
        every(300, logger: logger) {
            files.removeAbandonedUploads(now: clock.now())
            try await attempts.purge(at: clock.now())
            try await attempts.forgetDevices(
                before: clock.now().addingTimeInterval(-Double(SignInController.deviceLifetime)))
            let ended = try await sessions.purge(policy, at: clock.now())
            if ended > 0 { logger.info("purged-sessions", metadata: ["sessions": "\(ended)"]) }
        }
        // RIPOSTE_BACKUP_DIR: a backup every RIPOSTE_BACKUP_INTERVAL seconds (a day), the newest
        // RIPOSTE_BACKUP_KEEP (7) kept.
        if let folder = Environment.get("RIPOSTE_BACKUP_DIR"), !folder.isEmpty {
            let setup = DatabaseChoice.fromEnvironment()
            let keep = Environment.get("RIPOSTE_BACKUP_KEEP").flatMap(Int.init) ?? 7
            let interval = Environment.get("RIPOSTE_BACKUP_INTERVAL").flatMap(Double.init) ?? 86_400
            // Due from the last backup taken, not from the start: a server restarted every day
            // still backs up every day.
            every(min(interval, 600), logger: logger) {
                if let last = try await BackupLog.last(on: database.sql()),
                    clock.now().timeIntervalSince(last.at) < interval - 0.5
                {
                    return
                }
                let taken = try await BackupTaker(
                    database: database, gate: gate, setup: setup, files: files, now: clock.now()
                ).takeInto(folder: URL(fileURLWithPath: folder), keep: keep)
                logger.notice("backed-up", metadata: ["bytes": "\(taken.bytes)", "sha256": "\(taken.sha256)"])
            }
        }
        let dispatcher = app.dispatcher
        every(app.notificationSettings.dispatchInterval, logger: logger) {
            let started = ContinuousClock.now
            let summary = try await dispatcher.run(at: { clock.now() })
            metrics.dispatched(
                took: ContinuousClock.now - started, delivered: summary.delivered, retried: summary.retried,
                givenUp: summary.failed)
            if summary.total > 0 {
                logger.info(
                    "dispatched",
                    metadata: [
                        "delivered": "\(summary.delivered)", "retrying": "\(summary.retried)",
                        "failed": "\(summary.failed)",
                    ])
            }
        }
    }

    private func every(_ seconds: Double, logger: Logger, _ job: @escaping @Sendable () async throws -> Void) {
        guard seconds > 0 else { return }
        tasks.append(
            Task {
                while true {
                    // Cancelled at shutdown: stop before touching a database that is going away.
                    do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
                    do { try await job() } catch { logger.report(error: error) }
                }
            })
    }

    func shutdownAsync(_ app: Application) async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
