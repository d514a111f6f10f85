import Foundation
import RiposteCore
import RiposteStorage

/// Riposte's own use case, run on a timer by `serve` and by `riposte sweep`: finds the
/// incidents with something due (through the deadlines' index, so the cost grows with what is
/// due, not with the register), asks the core what is due and what making it does
/// (`EscalationPolicy.settle`, `effects(of:on:)`), and hands that to storage, batch by batch.
struct EscalationSweep: Sendable {
    let batches: DueEscalations
    let settings: SettingsStore
    /// The law's reminders and escalations, after the plan's (#17).
    var regulation: RegulatorySweep?

    struct Outcome: Sendable, Equatable {
        let number: String
        let escalations: [Escalation]
        /// The reminders and escalations of the law's deadlines made on the incident.
        var obligations: [RegulatoryAlert] = []
    }

    /// Incidents handled per transaction.
    var pageSize = 500
    /// Batches in flight at once where the engine allows it (`DueEscalations.parallelBatches`).
    var workers = 2

    func run(at now: Date, dryRun: Bool) async throws -> [Outcome] {
        let targets = try await settings.sla()
        var outcomes: [Outcome]
        if dryRun {
            outcomes = try await due(settings: targets, at: now)
        } else {
            let parallel = try batches.parallelBatches(asked: workers)
            outcomes = try await withThrowingTaskGroup(of: [Outcome].self) { group in
                for _ in 0..<parallel {
                    group.addTask { try await drainDue(settings: targets, at: now) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        }
        for (number, alerts) in try await regulation?.run(at: now, dryRun: dryRun) ?? [] {
            if let index = outcomes.firstIndex(where: { $0.number == number }) {
                outcomes[index].obligations += alerts
            } else {
                outcomes.append(Outcome(number: number, escalations: [], obligations: alerts))
            }
        }
        return outcomes.sorted { $0.number < $1.number }
    }

    /// The core's decision for one incident: the escalations due at `now`, and what they do.
    static func decide(
        _ state: IncidentState, _ facts: EscalationFacts, settings: SLASettings, at now: Date
    ) -> DueEscalations.Decision {
        let due = EscalationPolicy.settle(facts, settings: settings, at: now)
        return (due, due.isEmpty ? IncidentEffects() : EscalationPolicy.effects(of: due, on: state))
    }

    /// Batch after batch while more is due: until nothing is left, or what is left is
    /// locked by another worker or another sweep.
    private func drainDue(settings targets: SLASettings, at now: Date) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        var handled = Set<UUID>()
        while true {
            let (taken, made, more) = try await batches.settleNext(pageSize, at: now, settings: targets) {
                Self.decide($0, $1, settings: targets, at: now)
            }
            outcomes += made.map { Outcome(number: $0.number, escalations: $0.escalations) }
            // An incident met twice would be one the policy left due: it waits for the next
            // sweep rather than looping here.
            guard more, handled.isDisjoint(with: taken) else { break }
            handled.formUnion(taken)
        }
        return outcomes
    }

    /// What would be done, without doing it.
    private func due(settings targets: SLASettings, at now: Date) async throws -> [Outcome] {
        try await batches.due(at: now).compactMap { incident in
            let due = EscalationPolicy.settle(incident.facts, settings: targets, at: now)
            return due.isEmpty ? nil : Outcome(number: incident.number, escalations: due)
        }.sorted { $0.number < $1.number }
    }
}

extension [EscalationSweep.Outcome] {
    /// All the escalations a sweep made (or would make).
    var escalationCount: Int { reduce(0) { $0 + $1.escalations.count + $1.obligations.count } }
}
