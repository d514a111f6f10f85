import Foundation
import Testing

@testable import RiposteCore

@Suite("An exercise's report")
struct ExerciseReportTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let manager = UUID()
    static let minute: TimeInterval = 60

    /// A journal of entries `minutes` after the start, in order.
    static func journal(
        _ entries: [(minutes: Double, kind: JournalKind, details: [String: String])]
    ) -> [JournalEntryContent] {
        entries.enumerated().map { index, entry in
            JournalEntryContent(
                incidentID: UUID(), sequence: index + 1, at: start + entry.minutes * minute, authorID: manager,
                kind: entry.kind, text: "", details: entry.details)
        }
    }

    static func moved(_ to: IncidentStatus) -> [String: String] { ["to": to.rawValue] }

    @Test("each step's time since the report; qualifying and resolving against their severity's targets")
    func timeline() throws {
        // Defaults: a minor incident is qualified within 4 hours and resolved within 3 days.
        let report = ExerciseReport.of(
            journal: Self.journal([
                (0, .reported, [:]), (10, .qualified, ["severity": "minor"]),
                (31, .statusChanged, Self.moved(.inTreatment)),
                (45, .note, [:]), (90, .statusChanged, Self.moved(.resolved)),
                (100, .statusChanged, Self.moved(.closed)),
            ]), alerts: [], settings: .defaults)
        #expect(report.steps.map(\.kind) == [.reported, .qualified, .inTreatment, .resolved, .closed])
        let qualified = try #require(report.steps.first { $0.kind == .qualified })
        #expect(qualified.sinceReport == 10 * Self.minute)
        #expect(qualified.slaTime == 10 * Self.minute)
        #expect(qualified.target == TimeInterval(4 * 3600))
        #expect(qualified.met == true)
        #expect(qualified.detail == "minor")
        #expect(qualified.author == Self.manager)
        let resolved = try #require(report.steps.first { $0.kind == .resolved })
        #expect(resolved.slaTime == 90 * Self.minute)
        #expect(resolved.target == TimeInterval(3 * 86_400))
        #expect(resolved.met == true)
        #expect(report.steps.first { $0.kind == .inTreatment }?.met == nil)
        #expect(report.targetsMet == (2, 2))
    }

    @Test("paused time does not count against the target; a target passed by a second is missed")
    func pausesAndBoundary() throws {
        // Crisis: resolve within 4 h. 5 h on the wall, 1 h paused: 4 h exactly, met.
        let met = ExerciseReport.of(
            journal: Self.journal([
                (0, .reported, [:]), (10, .qualified, ["severity": "crisis"]), (60, .clockPaused, [:]),
                (120, .clockResumed, [:]), (300, .statusChanged, Self.moved(.resolved)),
            ]), alerts: [], settings: .defaults)
        let resolved = try #require(met.steps.first { $0.kind == .resolved })
        #expect(resolved.sinceReport == 300 * Self.minute)
        #expect(resolved.slaTime == 240 * Self.minute)
        #expect(resolved.met == true)
        // Crisis: qualify within 15 min; at 15 min and one second, missed.
        let late = ExerciseReport.of(
            journal: Self.journal([(0, .reported, [:]), (15 + 1.0 / 60, .qualified, ["severity": "crisis"])]),
            alerts: [], settings: .defaults)
        #expect(late.steps.first { $0.kind == .qualified }?.met == false)
        #expect(late.targetsMet == (0, 1))
    }

    @Test("a pause still running when the incident is resolved counts until then only")
    func runningPause() throws {
        let report = ExerciseReport.of(
            journal: Self.journal([
                (0, .reported, [:]), (5, .qualified, ["severity": "minor"]), (20, .clockPaused, [:]),
                (50, .statusChanged, Self.moved(.resolved)),
            ]), alerts: [], settings: .defaults)
        #expect(report.steps.first { $0.kind == .resolved }?.slaTime == 20 * Self.minute)
    }

    @Test("a major incident's resolution counts from when it became major, as the escalation policy does")
    func majorFromPromotion() throws {
        // Minor at 10 min, major at 60 min, resolved at 8 h 30 min: 7 h 30 min as major (target 8 h).
        let report = ExerciseReport.of(
            journal: Self.journal([
                (0, .reported, [:]), (10, .qualified, ["severity": "minor"]),
                (60, .requalified, ["severity": "major", "previousSeverity": "minor"]),
                (510, .statusChanged, Self.moved(.resolved)),
            ]), alerts: [], settings: .defaults)
        #expect(report.steps.map(\.kind) == [.reported, .qualified, .requalified, .resolved])
        let resolved = try #require(report.steps.first { $0.kind == .resolved })
        #expect(resolved.slaTime == 450 * Self.minute)
        #expect(resolved.target == TimeInterval(8 * 3600))
        #expect(resolved.met == true)
    }

    @Test("plans, escalations and reports are steps of their own, with what they name")
    func otherSteps() {
        let report = ExerciseReport.of(
            journal: Self.journal([
                (0, .reported, [:]), (1, .escalatedToManager, [:]), (2, .qualified, ["severity": "major"]),
                (3, .planActivated, ["plan": "bcp"]), (4, .statusReport, [:]),
                (70, .escalated, ["kind": "major_overdue"]), (80, .planDeactivated, ["plan": "bcp"]),
            ]), alerts: [], settings: .defaults)
        #expect(
            report.steps.map(\.kind) == [
                .reported, .escalatedToManager, .qualified, .planActivated, .statusReport, .escalated, .planDeactivated,
            ])
        #expect(report.steps.map(\.detail) == [nil, nil, "major", "bcp", nil, "major_overdue", "bcp"])
    }

    @Test("who acknowledged each alert, how fast, against the severity's delay; unanswered is missed")
    func answers() throws {
        let asked = Self.start + 10 * Self.minute
        let report = ExerciseReport.of(
            journal: Self.journal([(0, .reported, [:])]),
            alerts: [
                .init(
                    role: .incidentManager, severity: .major, askedAt: asked, answeredAt: asked + 30 * Self.minute,
                    answeredBy: Self.manager),
                .init(
                    role: .crisisManager, severity: .crisis, askedAt: asked, answeredAt: asked + 16 * Self.minute,
                    answeredBy: Self.manager),
                .init(role: .crisisManager, severity: .crisis, askedAt: asked, answeredAt: nil, answeredBy: nil),
            ], settings: .defaults)
        #expect(report.answers.map(\.met) == [true, false, false])
        #expect(report.answers[0].took == 30 * Self.minute)
        #expect(report.answers[0].target == 30 * Self.minute)
        #expect(report.answers[2].took == nil)
        #expect(report.targetsMet == (1, 3))
    }

    @Test("a journal without its report says nothing") func empty() {
        #expect(ExerciseReport.of(journal: [], alerts: [], settings: .defaults).steps.isEmpty)
    }
}
