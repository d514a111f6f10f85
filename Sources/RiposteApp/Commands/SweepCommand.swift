import Vapor

/// `riposte sweep [--dry-run]`: one escalation sweep now; prints what it did (or would do).
struct SweepCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Print what is due without acting.") var dryRun: Bool
    }

    var help: String { "Run one escalation sweep now." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let started = ContinuousClock.now
        let outcomes = try await app.escalationSweep.run(at: app.clock.now(), dryRun: signature.dryRun)
        let elapsed = ContinuousClock.now - started
        for outcome in outcomes {
            for escalation in outcome.escalations {
                context.console.print(
                    "\(outcome.number) \(escalation.kind.rawValue) due \(DateCoding.text(escalation.dueAt))"
                        + " notify \(escalation.notifyList)")
            }
        }
        let count = outcomes.escalationCount
        // The time of the sweep alone (not of starting the process): what bench/sweep reports.
        let timing = "on \(outcomes.count) incidents in \(elapsed.millisecondsText) ms"
        context.console.print(
            signature.dryRun
                ? "\(count) escalations due \(timing) (dry run: nothing changed)."
                : "\(count) escalations made \(timing).")
    }
}

/// `riposte dispatch`: sends what the outbox holds now, retries included; prints the tally.
struct DispatchCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Send the pending notifications now." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let clock = app.clock
        let summary = try await app.dispatcher.run(at: { clock.now() })
        context.console.print(
            "\(summary.delivered) delivered, \(summary.retried) to retry, \(summary.failed) given up.")
    }
}
