import Foundation
import Testing

@testable import RiposteCore

@Suite("The law's deadlines")
struct RegulatoryClocksTests {
    static let aware = Date(timeIntervalSince1970: 1_800_000_000)
    static let hour = RegulatoryClocks.hour
    static let everything = RegulationSettings(nis2: .essential, dora: true, country: .be)

    static func breach(risk: RegulatoryAssessment.Risk = .risk, encrypted: Bool = false) -> RegulatoryAssessment {
        RegulatoryAssessment(
            awareAt: aware, personalData: .init(dataCategories: "e-mail", risk: risk, encrypted: encrypted))
    }

    static func record(
        _ step: ObligationStep, _ kind: ObligationRecord.Kind = .submission, at: Date, reason: String = ""
    ) -> ObligationRecord {
        ObligationRecord(
            id: UUID(), step: step, kind: kind, at: at, reason: reason, recordedBy: nil, recordedAt: at)
    }

    static func clock(_ step: ObligationStep, in clocks: [ObligationClock]) throws -> ObligationClock {
        try #require(clocks.first { $0.step == step })
    }

    @Test("no assessment answer, no clock") func nothingAssessed() {
        #expect(
            RegulatoryClocks.clocks(
                settings: Self.everything, assessment: RegulatoryAssessment(awareAt: Self.aware), records: []
            ).isEmpty)
    }

    @Test("GDPR: the authority within 72 hours of awareness, overdue one second after")
    func gdprBoundary() throws {
        let clocks = RegulatoryClocks.clocks(settings: .init(), assessment: Self.breach(), records: [])
        let authority = try Self.clock(.gdprAuthority, in: clocks)
        let due = Self.aware + 72 * Self.hour
        #expect(authority.dueAt == due)
        #expect(!authority.isOverdue(at: due - 1))
        #expect(!authority.isOverdue(at: due))
        #expect(authority.isOverdue(at: due + 1))
        #expect(clocks.map(\.step) == [.gdprAuthority], "no art. 34 clock without a high risk")
    }

    @Test("GDPR art. 34: people are told of a high risk, unless the data was encrypted")
    func dataSubjects() throws {
        let high = RegulatoryClocks.clocks(settings: .init(), assessment: Self.breach(risk: .high), records: [])
        #expect(try Self.clock(.gdprDataSubjects, in: high).dueAt == nil)
        let encrypted = RegulatoryClocks.clocks(
            settings: .init(), assessment: Self.breach(risk: .high, encrypted: true), records: [])
        #expect(!encrypted.contains { $0.step == .gdprDataSubjects })
    }

    @Test("a submission settles a clock; a decision not to notify too; a submission wins over a decision")
    func settling() throws {
        let sent = Self.aware + 10 * Self.hour
        let submitted = RegulatoryClocks.clocks(
            settings: .init(), assessment: Self.breach(), records: [Self.record(.gdprAuthority, at: sent)])
        #expect(try Self.clock(.gdprAuthority, in: submitted).status == .submitted)
        #expect(try Self.clock(.gdprAuthority, in: submitted).settledAt == sent)
        #expect(try !Self.clock(.gdprAuthority, in: submitted).isOverdue(at: sent + 100 * Self.hour))
        let decided = RegulatoryClocks.clocks(
            settings: .init(), assessment: Self.breach(risk: .none),
            records: [Self.record(.gdprAuthority, .decision, at: sent, reason: "encrypted backup")])
        #expect(try Self.clock(.gdprAuthority, in: decided).status == .notNotified)
        let both = RegulatoryClocks.clocks(
            settings: .init(), assessment: Self.breach(),
            records: [
                Self.record(.gdprAuthority, .decision, at: sent, reason: "x"),
                Self.record(.gdprAuthority, at: sent + Self.hour),
            ])
        #expect(try Self.clock(.gdprAuthority, in: both).status == .submitted)
        #expect(try Self.clock(.gdprAuthority, in: both).settledLate == false)
    }

    @Test("NIS2 only for entities under it, and only for a significant incident")
    func nis2Applies() {
        var assessment = RegulatoryAssessment(awareAt: Self.aware, nis2: .init(suspectedMalicious: true))
        #expect(RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: []).isEmpty)
        assessment.nis2?.financialLoss = true
        #expect(
            RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: []).map(\.step) == [
                .nis2EarlyWarning, .nis2Notification, .nis2FinalReport,
            ])
        #expect(RegulatoryClocks.clocks(settings: .init(), assessment: assessment, records: []).isEmpty)
    }

    @Test("NIS2: 24 h, 72 h, and the final report a month after the notification actually sent")
    func nis2Steps() throws {
        let assessment = RegulatoryAssessment(awareAt: Self.aware, nis2: .init(severeDisruption: true))
        let before = RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: [])
        #expect(try Self.clock(.nis2EarlyWarning, in: before).dueAt == Self.aware + 24 * Self.hour)
        #expect(try Self.clock(.nis2Notification, in: before).dueAt == Self.aware + 72 * Self.hour)
        let provisional = try Self.clock(.nis2FinalReport, in: before)
        #expect(provisional.provisional)
        #expect(provisional.dueAt == RegulatoryClocks.month(after: Self.aware + 72 * Self.hour))
        let notified = Self.aware + 30 * Self.hour
        let after = RegulatoryClocks.clocks(
            settings: Self.everything, assessment: assessment, records: [Self.record(.nis2Notification, at: notified)])
        let final = try Self.clock(.nis2FinalReport, in: after)
        #expect(!final.provisional)
        #expect(final.startsAt == notified)
        #expect(final.dueAt == RegulatoryClocks.month(after: notified))
    }

    @Test("NIS2: a progress report moves the final report to a month after the incident is handled")
    func nis2Progress() throws {
        let assessment = RegulatoryAssessment(awareAt: Self.aware, nis2: .init(damageToOthers: true))
        let records = [
            Self.record(.nis2Notification, at: Self.aware + Self.hour),
            Self.record(.nis2FinalReport, .progress, at: Self.aware + 700 * Self.hour),
        ]
        let ongoing = RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: records)
        #expect(try Self.clock(.nis2FinalReport, in: ongoing).isOpen)
        #expect(try Self.clock(.nis2FinalReport, in: ongoing).dueAt == nil)
        let handled = Self.aware + 800 * Self.hour
        let done = RegulatoryClocks.clocks(
            settings: Self.everything, assessment: assessment, records: records, handledAt: handled)
        #expect(try Self.clock(.nis2FinalReport, in: done).dueAt == RegulatoryClocks.month(after: handled))
    }

    @Test("a month is a calendar month: 31 January gives the end of February")
    func calendarMonth() {
        let january31 = RFC3339.parse("2027-01-31T10:00:00Z")!
        #expect(RegulatoryClocks.month(after: january31) == RFC3339.parse("2027-02-28T10:00:00Z"))
    }

    @Test("DORA: 4 hours from classification, never past 24 hours from awareness")
    func doraCap() throws {
        func initialDue(classifiedAfter hours: Double) throws -> Date? {
            let assessment = RegulatoryAssessment(
                awareAt: Self.aware, dora: .init(major: true, classifiedAt: Self.aware + hours * Self.hour))
            return try Self.clock(
                .doraInitial,
                in: RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: [])
            ).dueAt
        }
        #expect(try initialDue(classifiedAfter: 2) == Self.aware + 6 * Self.hour)
        #expect(try initialDue(classifiedAfter: 20) == Self.aware + 24 * Self.hour)
        #expect(try initialDue(classifiedAfter: 19.5) == Self.aware + 23.5 * Self.hour)
        #expect(try initialDue(classifiedAfter: 22) == Self.aware + 24 * Self.hour)
    }

    @Test("DORA: intermediate 72 h after the initial notification, final a month after the last intermediate")
    func doraChain() throws {
        let classified = Self.aware + Self.hour
        let assessment = RegulatoryAssessment(awareAt: Self.aware, dora: .init(major: true, classifiedAt: classified))
        let initial = classified + 3 * Self.hour
        let firstIntermediate = initial + 50 * Self.hour
        let lastIntermediate = initial + 90 * Self.hour
        let clocks = RegulatoryClocks.clocks(
            settings: Self.everything, assessment: assessment,
            records: [
                Self.record(.doraInitial, at: initial), Self.record(.doraIntermediate, at: firstIntermediate),
                Self.record(.doraIntermediate, at: lastIntermediate),
            ])
        #expect(try Self.clock(.doraIntermediate, in: clocks).dueAt == initial + 72 * Self.hour)
        #expect(try Self.clock(.doraIntermediate, in: clocks).settledAt == firstIntermediate)
        #expect(try Self.clock(.doraFinal, in: clocks).dueAt == RegulatoryClocks.month(after: lastIntermediate))
        #expect(
            RegulatoryClocks.clocks(settings: .init(), assessment: assessment, records: []).isEmpty,
            "no DORA clock outside DORA")
        let notMajor = RegulatoryAssessment(awareAt: Self.aware, dora: .init(major: false))
        #expect(RegulatoryClocks.clocks(settings: Self.everything, assessment: notMajor, records: []).isEmpty)
    }

    @Test("a decision not to notify the first step drops the reports that follow it")
    func decisionEndsChain() throws {
        let assessment = RegulatoryAssessment(
            awareAt: Self.aware, dora: .init(major: true, classifiedAt: Self.aware))
        let clocks = RegulatoryClocks.clocks(
            settings: Self.everything, assessment: assessment,
            records: [Self.record(.doraInitial, .decision, at: Self.aware + Self.hour, reason: "reclassified")])
        #expect(clocks.map(\.step) == [.doraInitial])
    }

    @Test("correcting the awareness time moves every clock")
    func awarenessMovesClocks() throws {
        var assessment = Self.breach()
        assessment.nis2 = .init(severeDisruption: true)
        assessment.dora = .init(major: true, classifiedAt: Self.aware + 22 * Self.hour)
        let before = RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: [])
        assessment.awareAt = Self.aware - 10 * Self.hour
        let after = RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: [])
        for step in [ObligationStep.gdprAuthority, .nis2EarlyWarning, .nis2Notification, .nis2FinalReport] {
            #expect(
                try Self.clock(step, in: after).dueAt == Self.clock(step, in: before).dueAt.map { $0 - 10 * Self.hour },
                "\(step)")
        }
        // The DORA cap was 24 h from awareness: it moves too.
        #expect(try Self.clock(.doraInitial, in: after).dueAt == Self.aware + 14 * Self.hour)
    }

    @Test("soonest first, without a deadline last, settled left out") func order() throws {
        var assessment = Self.breach(risk: .high)
        assessment.nis2 = .init(severeDisruption: true)
        let clocks = RegulatoryClocks.clocks(
            settings: Self.everything, assessment: assessment,
            records: [Self.record(.nis2EarlyWarning, at: Self.aware)])
        #expect(
            RegulatoryClocks.soonestFirst(clocks).map(\.step) == [
                .gdprAuthority, .nis2Notification, .nis2FinalReport, .gdprDataSubjects,
            ])
    }

    /// Every step with a due time, its due time as the rules say, one second before, at and after.
    static let boundaries: [(ObligationStep, TimeInterval)] = [
        (.nis2EarlyWarning, 24 * hour), (.nis2Notification, 72 * hour), (.doraInitial, 2 * hour + 4 * hour),
    ]

    @Test(
        "each deadline at its boundary: open a second before and at it, overdue a second after", arguments: boundaries)
    func boundary(step: ObligationStep, after: TimeInterval) throws {
        var assessment = RegulatoryAssessment(awareAt: Self.aware, nis2: .init(severeDisruption: true))
        assessment.dora = .init(major: true, classifiedAt: Self.aware + 2 * Self.hour)
        let clock = try Self.clock(
            step, in: RegulatoryClocks.clocks(settings: Self.everything, assessment: assessment, records: []))
        let due = Self.aware + after
        #expect(clock.dueAt == due)
        #expect(!clock.isOverdue(at: due - 1))
        #expect(!clock.isOverdue(at: due))
        #expect(clock.isOverdue(at: due + 1))
    }

    @Test("the reports that follow: a month after what was sent, at its second")
    func followingBoundaries() throws {
        var assessment = RegulatoryAssessment(awareAt: Self.aware, nis2: .init(financialLoss: true))
        assessment.dora = .init(major: true, classifiedAt: Self.aware)
        let notified = Self.aware + 5 * Self.hour
        let initial = Self.aware + 3 * Self.hour
        let intermediate = initial + 10 * Self.hour
        let clocks = RegulatoryClocks.clocks(
            settings: Self.everything, assessment: assessment,
            records: [
                Self.record(.nis2Notification, at: notified), Self.record(.doraInitial, at: initial),
                Self.record(.doraIntermediate, at: intermediate),
            ])
        for (step, due) in [
            (ObligationStep.nis2FinalReport, RegulatoryClocks.month(after: notified)),
            (.doraIntermediate, initial + 72 * Self.hour), (.doraFinal, RegulatoryClocks.month(after: intermediate)),
        ] {
            let clock = try Self.clock(step, in: clocks)
            #expect(clock.dueAt == due, "\(step)")
            if clock.isOpen {
                #expect(!clock.isOverdue(at: due), "\(step)")
                #expect(clock.isOverdue(at: due + 1), "\(step)")
            }
        }
    }
}
