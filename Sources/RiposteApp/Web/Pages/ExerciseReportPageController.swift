import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/incidents/{number}/exercise`: what a drill showed (#20 point 1), printable as it is: each
/// step against the SLA's targets, who answered the alerts and how fast, and its lessons.
struct ExerciseReportPageController {
    struct Page: Encodable {
        struct Step: Encodable {
            let kind: String
            let detail: String
            let at: String
            let author: String
            let sinceReport: String
            let took: String
            let target: String
            /// "met", "missed", or "" for a step no target times.
            let verdict: String
        }

        struct Answer: Encodable {
            let role: String
            let severity: String
            let askedAt: String
            let answeredAt: String
            let by: String
            let took: String
            let target: String
            let verdict: String
        }

        struct Lesson: Encodable {
            let question: String
            let answer: String
        }

        let page: PageFrame
        let number: String
        let title: String
        let channels: [String]
        let steps: [Step]
        let answers: [Answer]
        let targetsMet: Int
        let targetsTimed: Int
        let lessons: [Lesson]
        let reviewComplete: Bool
    }

    func show(_ req: Request) async throws -> View {
        guard let number = req.parameter(.number) else { throw Refusal.notFound(.incident) }
        let view = try await req.actions.exerciseReport(number)
        func duration(_ seconds: TimeInterval?) -> String {
            seconds.map {
                req.duration(Countdown(to: Date(timeIntervalSince1970: $0), from: Date(timeIntervalSince1970: 0)))
            }
                ?? ""
        }
        func verdict(_ met: Bool?) -> String { met.map { $0 ? "met" : "missed" } ?? "" }
        let steps = view.report.steps.map { step in
            Page.Step(
                kind: step.kind.rawValue, detail: Self.detail(of: step, req), at: req.display(step.at),
                author: step.author.flatMap { view.names[$0] } ?? req.t("journal.system"),
                sinceReport: duration(step.sinceReport), took: duration(step.slaTime), target: duration(step.target),
                verdict: verdict(step.met))
        }
        let answers = view.report.answers.map { answer in
            Page.Answer(
                role: answer.role.rawValue, severity: answer.severity.rawValue, askedAt: req.display(answer.askedAt),
                answeredAt: answer.answeredAt.map { req.display($0) } ?? "",
                by: answer.answeredBy.flatMap { view.names[$0] } ?? "", took: duration(answer.took),
                target: duration(answer.target), verdict: verdict(answer.met))
        }
        let (met, timed) = view.report.targetsMet
        return try await req.view.render(
            "exercise-report",
            Page(
                page: try await req.frame("exercise.report.title", view.incident.number), number: view.incident.number,
                title: view.incident.title,
                channels: (view.incident.asExercise?.channels ?? []).map(\.rawValue).sorted(), steps: steps,
                answers: answers, targetsMet: met, targetsTimed: timed,
                lessons: view.lessons.map {
                    Page.Lesson(
                        question: req.t(ReviewForm.question($0.key)?.textKey ?? $0.key), answer: $0.answer)
                }, reviewComplete: view.reviewComplete))
    }

    /// What a step names: the severity given, the plan activated, the deadline missed.
    static func detail(of step: ExerciseReport.Step, _ req: Request) -> String {
        guard let detail = step.detail else { return "" }
        switch step.kind {
        case .qualified, .requalified: return req.t("severity.\(detail)")
        case .planActivated, .planDeactivated: return detail.uppercased()
        case .escalated: return req.t("escalation.\(detail)")
        default: return detail
        }
    }
}
