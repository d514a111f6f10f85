import Foundation
import RiposteCore
import Vapor

extension IncidentAPIController {
    /// A drill's report as the API speaks it (#20 point 1): durations in whole seconds.
    struct ExerciseReportDTO: Content {
        struct Step: Content {
            let kind: String
            let at: Date
            let authorId: UUID?
            let author: String?
            let detail: String?
            let sinceReportSeconds: Int
            let slaSeconds: Int?
            let targetSeconds: Int?
            let met: Bool?
        }

        struct Answer: Content {
            let role: Role
            let severity: Severity
            let askedAt: Date
            let answeredAt: Date?
            let answeredBy: UUID?
            let answeredByName: String?
            let tookSeconds: Int?
            let targetSeconds: Int
            let met: Bool
        }

        struct Lesson: Content {
            let question: String
            let answer: String
        }

        let incidentId: UUID
        let number: String
        let channels: [ExerciseChannel]
        let steps: [Step]
        let answers: [Answer]
        let targetsMet: Int
        let targetsTimed: Int
        let reviewComplete: Bool
        let lessons: [Lesson]

        init(_ view: IncidentActions.ExerciseReportView) {
            let names = view.names
            incidentId = view.incident.id
            number = view.incident.number
            channels = (view.incident.asExercise?.channels ?? []).sorted { $0.rawValue < $1.rawValue }
            steps = view.report.steps.map {
                Step(
                    kind: $0.kind.rawValue, at: $0.at, authorId: $0.author, author: $0.author.flatMap { names[$0] },
                    detail: $0.detail, sinceReportSeconds: Int($0.sinceReport.rounded()),
                    slaSeconds: $0.slaTime.map { Int($0.rounded()) }, targetSeconds: $0.target.map { Int($0) },
                    met: $0.met)
            }
            answers = view.report.answers.map {
                Answer(
                    role: $0.role, severity: $0.severity, askedAt: $0.askedAt, answeredAt: $0.answeredAt,
                    answeredBy: $0.answeredBy, answeredByName: $0.answeredBy.flatMap { names[$0] },
                    tookSeconds: $0.took.map { Int($0.rounded()) }, targetSeconds: Int($0.target), met: $0.met)
            }
            (targetsMet, targetsTimed) = view.report.targetsMet
            reviewComplete = view.reviewComplete
            lessons = view.lessons.map { Lesson(question: $0.key, answer: $0.answer) }
        }
    }

    /// `GET /incidents/{id}/exercise-report`: the drill's timeline against the SLA, the answers
    /// to its alerts and its lessons; 409 `not_an_exercise` for a real incident.
    func exerciseReport(_ req: Request) async throws -> Response {
        let view = try await req.actions.exerciseReport(try req.incidentReference())
        return try Response.json(ExerciseReportDTO(view))
    }
}
