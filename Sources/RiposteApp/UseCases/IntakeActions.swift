import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// What a monitoring integration's delivery does to the register (#18 point 2): each firing
/// alert a new event (claimed by its key first, so that two instances receiving it at once
/// file one), a repeat a count, a resolved alert a journal entry or, when the integration
/// allows it and the event is still Faible, its resolution.
struct IntakeActions: Sendable {
    let database: any Database
    let store: IncidentStore
    let now: Date

    struct Outcome: Content {
        var received = 0
        var filed = 0
        var repeated = 0
        var resolved = 0
        var noted = 0
        var ignored = 0
    }

    func receive(_ alerts: [MonitoringAlert], by integration: IntegrationStore.Record) async throws -> Outcome {
        var outcome = Outcome(received: alerts.count)
        let sql = try database.sql()
        let now = self.now
        // Each key counts its deliveries (the integration's counts are its keys'), repeats in one
        // write at the end: Alertmanager re-sends every open alert at each interval, and those
        // deliveries are most of what arrives.
        var repeats: [UUID] = []
        for alert in alerts {
            var open = try await IntegrationStore.open(integration.id, key: alert.key, on: sql)
            // The event its key opened has ended: the next firing opens another.
            if let current = open, let incident = current.incident, Self.ended.contains(incident.status) {
                try await write { try await IntegrationStore.close(current.id, on: $0) }
                open = nil
            }
            // Claimed a minute ago and still without its event: the request filing it stopped.
            if let current = open, current.incidentID == nil, current.firstSeen < now.addingTimeInterval(-60) {
                try await write { try await IntegrationStore.close(current.id, on: $0) }
                open = nil
            }
            // Claimed but not filed yet (another request files it now): a repeat.
            let alerted = open.map { $0.incident ?? AlertedIncident(status: .reported, severity: nil) }
            switch IntegrationRules.decide(alert, open: alerted, settings: integration.settings) {
            case .file(let severity):
                if try await file(alert, severity: severity, by: integration) {
                    outcome.filed += 1
                } else {
                    outcome.repeated += 1
                }
            case .repeated:
                if let open { repeats.append(open.id) }
                outcome.repeated += 1
            case .noteResolved, .resolve:
                guard let open, let incidentID = open.incidentID, let incident = open.incident else {
                    outcome.ignored += 1
                    continue
                }
                _ = incident
                repeats.append(open.id)
                let (entry, settings, reason) = (Self.entry(alert, integration), integration.settings, integration.name)
                // Decided again under the incident's lock: a person may have raised it, or
                // another delivery resolved it, since it was read.
                let decided = try await store.mutate(
                    incidentID, expectedVersion: nil, author: integration.serviceUser, at: now
                ) { change -> AlertDecision in
                    let state = change.incident.state
                    guard !Self.ended.contains(state.status) else { return .ignore }
                    let current = AlertedIncident(status: state.status, severity: state.severity)
                    let decision = IntegrationRules.decide(alert, open: current, settings: settings)
                    _ = try await change.apply(entry)
                    if decision == .resolve {
                        for step in IntegrationRules.resolution(of: current, reason: reason) {
                            _ = try await change.apply(step.effects())
                        }
                    }
                    return decision
                }
                switch decided {
                case .resolve:
                    try await write { try await IntegrationStore.close(open.id, on: $0) }
                    outcome.resolved += 1
                case .ignore: outcome.ignored += 1
                default: outcome.noted += 1
                }
            case .ignore:
                outcome.ignored += 1
            }
        }
        let counted = repeats.sorted { $0.uuidString < $1.uuidString }
        if !counted.isEmpty {
            try await write { sql in
                for id in counted { try await IntegrationStore.repeated(id, at: now, on: sql) }
            }
        }
        return outcome
    }

    /// Every write goes through the write gate, as the register's own do (SQLite has one writer).
    private func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await store.gate.transaction(on: database) { tx in try await body(try tx.sql()) }
    }

    static let ended: Set<IncidentStatus> = [.resolved, .closed, .reviewed, .rejected]

    /// Files the alert's event, qualified at `severity`, unless its key was claimed meanwhile
    /// (then it counts as a repeat of that one): false in that case.
    private func file(
        _ alert: MonitoringAlert, severity: Severity, by integration: IntegrationStore.Record
    )
        async throws -> Bool
    {
        let (claim, key, now) = (UUID.random(), alert.key, self.now)
        let claimed = try await write { sql in
            if try await IntegrationStore.claim(claim, integration: integration.id, key: key, at: now, on: sql) {
                return true
            }
            if let open = try await IntegrationStore.open(integration.id, key: key, on: sql) {
                try await IntegrationStore.repeated(open.id, at: now, on: sql)
            }
            return false
        }
        guard claimed else { return false }
        do {
            let report = try FieldError.check { () throws(FieldError) in
                try IncidentReport(
                    title: Self.scalars(alert.title, FieldLimits.title), description: Self.description(alert),
                    channel: .monitoring, detectedAt: alert.startsAt.map { min($0, now) }
                ).validated(at: now)
            }
            let filed = try await store.report(
                report, by: ActingPerson(id: integration.serviceUser, name: integration.name, roles: []), at: now)
            try await write { try await IntegrationStore.attach(claim, incident: filed.id, on: $0) }
            let qualification = IntegrationRules.qualification(of: alert, severity: severity)
            let entry = Self.entry(alert, integration)
            _ = try await store.mutate(filed.id, expectedVersion: nil, author: integration.serviceUser, at: now) {
                change in
                var effects = qualification.effects(by: [], plans: change.incident.state.plans, at: change.at)
                effects.journal += entry.journal
                return try await change.apply(effects).count
            }
            return true
        } catch {
            _ = try? await write { try await IntegrationStore.close(claim, on: $0) }
            throw error
        }
    }

    /// The alert's words, its labels and the link back to its source, as the event's description.
    static func description(_ alert: MonitoringAlert) -> String {
        var parts = [alert.description.isEmpty ? alert.title : alert.description]
        let labels = alert.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if !labels.isEmpty { parts.append(labels.joined(separator: "\n")) }
        if let source = alert.sourceURL { parts.append(source) }
        return scalars(parts.joined(separator: "\n\n"), FieldLimits.description)
    }

    /// At most `limit` Unicode scalars, as the limits count them.
    static func scalars(_ text: String, _ limit: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
    }

    /// The journal entry of an alert: firing or resolved, its key, labels and source.
    static func entry(_ alert: MonitoringAlert, _ integration: IntegrationStore.Record) -> IncidentEffects {
        var details = ["status": alert.status.rawValue, "key": alert.key, "integration": integration.name]
        if !alert.labels.isEmpty {
            details["labels"] = alert.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: ", ")
        }
        details["source"] = alert.sourceURL
        return .entry(.monitoringAlert, details: details)
    }
}

extension Request {
    var intake: IntakeActions { IntakeActions(database: db, store: incidents, now: now) }
}
