import RiposteCore
import Vapor

/// `riposte sweep [--dry-run]`: one escalation sweep now; prints what it did (or would do).
struct SweepCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: CommandText.say("cli.sweep.dry_run")) var dryRun: Bool
    }

    var help: String { CommandText.say("cli.sweep.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let started = ContinuousClock.now
        let outcomes = try await app.escalationSweep.run(at: app.clock.now(), dryRun: signature.dryRun)
        let elapsed = ContinuousClock.now - started
        for outcome in outcomes {
            for escalation in outcome.escalations {
                context.console.print(
                    CommandText.say(
                        "cli.sweep.escalation", outcome.number, escalation.kind.rawValue,
                        DateCoding.text(escalation.dueAt), escalation.notifyList))
            }
            for alert in outcome.obligations {
                context.console.print(
                    CommandText.say(
                        "cli.sweep.obligation", outcome.number, alert.step.rawValue, alert.stage.rawValue,
                        DateCoding.text(alert.dueAt), RecipientList.encode(alert.recipients)))
            }
        }
        let count = outcomes.escalationCount
        // The time of the sweep alone (not of starting the process): what bench/sweep reports.
        context.console.print(
            CommandText.say(
                signature.dryRun ? "cli.sweep.due" : "cli.sweep.made", String(count), String(outcomes.count),
                elapsed.millisecondsText))
    }
}

/// `riposte dispatch`: sends what the outbox holds now, retries included; prints the tally.
struct DispatchCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { CommandText.say("cli.dispatch.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let clock = app.clock
        let summary = try await app.dispatcher.run(at: { clock.now() })
        context.console.print(
            CommandText.say(
                "cli.dispatch.done", String(summary.delivered), String(summary.retried), String(summary.failed)))
    }
}
