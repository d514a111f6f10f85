import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// Moves on the alerts nobody answered in time (#15 point 7): to the role's backup contacts of
/// annex 1, then to the administrators. Each move is a conditional update, so with several
/// instances running it, each alert reaches each stage once. The dispatcher runs it before
/// sending, so what it writes leaves in the same round.
struct AlertFollowUp: Sendable {
    let fanOut: OutboxFanOut

    static let batch = 100

    /// Moves every alert due at `now`; returns how many moved.
    @discardableResult
    func run(at now: Date) async throws -> Int {
        let (database, gate) = (fanOut.database, fanOut.gate)
        let sla = try await SettingsStore(database: database, gate: gate).sla()
        let (settings, wording) = (fanOut.settings, fanOut.wording)
        var moved = 0
        while true {
            let (seen, count) = try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                let due = try await AlertStore.due(at: now, limit: Self.batch, on: sql)
                guard !due.isEmpty else { return (0, 0) }
                let directory = try await OutboxStore.Directory.load(
                    roles: Set(due.map(\.role)).union([.admin]), on: sql)
                var rows = OutboxFanOut.Rows(settings: settings, wording: wording, sla: sla)
                var count = 0
                for alert in due {
                    guard var next = alert.stage.next else { continue }
                    guard let event = try? JSONDecoder().decode(NotificationEvent.self, from: Data(alert.payload.utf8))
                    else {
                        // Unreadable (written by another version): parked, not due again and again.
                        _ = try await AlertStore.advance(
                            alert.id, from: alert.stage, to: .administrators, dueAt: nil, at: now, on: sql)
                        continue
                    }
                    let backups = directory.backups[alert.role] ?? []
                    // A role without a backup contact goes to the administrators at once.
                    if next == .backup, backups.isEmpty { next = .administrators }
                    let dueAt = Acknowledgement.dueAt(
                        after: next, since: now, delay: sla.acknowledgeDelay(for: alert.severity))
                    guard
                        try await AlertStore.advance(
                            alert.id, from: alert.stage, to: next, dueAt: dueAt, at: now, on: sql)
                    else { continue }
                    let recipient = NotificationRecipient(role: alert.role)
                    switch next {
                    case .backup:
                        rows.tellBackups(backups, event, incidentID: alert.incidentID, as: recipient, at: now)
                    case .administrators:
                        for admin in directory.holders[.admin] ?? [] {
                            rows.tell(
                                admin, event, payload: alert.payload, incidentID: alert.incidentID,
                                as: NotificationRecipient(role: .admin), alert: alert.id, at: now)
                        }
                    case .holders: break
                    }
                    count += 1
                }
                try await rows.insert(into: sql)
                return (due.count, count)
            }
            moved += count
            // A full batch of which nothing moved is another instance's work: it will finish it.
            if seen < Self.batch || count == 0 { return moved }
        }
    }
}
