import Vapor

/// `riposte sweep [--dry-run]`: one escalation sweep now; prints what it did (or would do).
struct SweepCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Print what is due without acting.") var dryRun: Bool
    }

    var help: String { "Run one escalation sweep now." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let outcomes = try await app.escalationSweep.run(at: app.clock.now(), dryRun: signature.dryRun)
        for outcome in outcomes {
            for escalation in outcome.escalations {
                context.console.print(
                    "\(outcome.number) \(escalation.kind.rawValue) due \(escalation.dueAt.formatted(DateCoding.output))"
                        + " notify \(escalation.notify.map(\.rawValue).sorted().joined(separator: ","))")
            }
        }
        let count = outcomes.reduce(0) { $0 + $1.escalations.count }
        context.console.print(
            signature.dryRun ? "\(count) escalations due (dry run: nothing changed)." : "\(count) escalations made.")
    }
}

/// Runs the sweep every `RIPOSTE_SWEEP_INTERVAL` seconds (30 by default, 0 to disable)
/// while `riposte serve` runs.
final class SweepScheduler: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let command = app.environment.arguments.dropFirst().first
        // Tests run sweeps themselves, with their own clock.
        guard command == nil || command == "serve", app.environment != .testing else { return }
        let interval = Environment.get("RIPOSTE_SWEEP_INTERVAL").flatMap(Int.init) ?? 30
        guard interval > 0 else { return }
        let sweep = app.escalationSweep
        let clock = app.clock
        let logger = app.logger
        task = Task {
            while true {
                // Cancelled at shutdown: stop before touching a database that is going away.
                do { try await Task.sleep(for: .seconds(interval)) } catch { return }
                do {
                    let outcomes = try await sweep.run(at: clock.now(), dryRun: false)
                    for outcome in outcomes {
                        logger.notice(
                            "escalated",
                            metadata: [
                                "incident": "\(outcome.number)",
                                "kinds": "\(outcome.escalations.map(\.kind.rawValue).joined(separator: ","))",
                            ])
                    }
                } catch {
                    logger.report(error: error)
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        await task?.value
    }
}
