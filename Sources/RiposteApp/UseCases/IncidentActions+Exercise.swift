import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// A drill's report (#20 point 1): what the core reads from its journal and alerts
/// (`ExerciseReport`), the names of those who acted, and the lessons its review recorded.
extension IncidentActions {
    struct ExerciseReportView: Sendable {
        let incident: IncidentRow
        let report: ExerciseReport
        let names: [UUID: String]
        /// The review's free-text answers (what was learned, what to adjust), in the form's order.
        let lessons: [(key: String, answer: String)]
        let reviewComplete: Bool
    }

    /// The review's questions whose answers are the drill's lessons.
    static let lessonQuestions = ["prevention.learned", "prevention.measures", "improvements.adjust", "misc.notes"]

    static let notAnExercise = APIError(.conflict, code: "not_an_exercise", message: "api.not_an_exercise")

    /// The report of an exercise, for its handlers; a real incident has none (409).
    func exerciseReport(_ reference: String) async throws -> ExerciseReportView {
        let incident = try await find(reference)
        try requireHandler()
        guard incident.exercise != nil else { throw Self.notAnExercise }
        let sql = reader.database
        let journal = try await JournalRow.chain(of: incident.id, on: sql).compactMap { $0.stored?.content }
        let alerts = try await AlertStore.of(incident: incident.id, on: sql).compactMap { alert in
            alert.severity.map {
                ExerciseReport.Alert(
                    role: alert.role, severity: $0, askedAt: alert.createdAt, answeredAt: alert.acknowledgedAt,
                    answeredBy: alert.acknowledgedBy)
            }
        }
        let sla = try await SettingsStore(database: store.database, gate: store.gate).sla()
        let answers = try await Self.answers(of: incident.id, on: sql)
        let names = Dictionary(
            try await PeopleStore.all(on: sql).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return ExerciseReportView(
            incident: incident, report: ExerciseReport.of(journal: journal, alerts: alerts, settings: sla),
            names: names,
            lessons: Self.lessonQuestions.compactMap { key in
                answers[key].flatMap { $0.isEmpty ? nil : (key, $0) }
            },
            reviewComplete: incident.reviewComplete)
    }
}
