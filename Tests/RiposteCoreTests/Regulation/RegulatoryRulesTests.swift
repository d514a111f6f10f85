import Foundation
import Testing

@testable import RiposteCore

@Suite("Assessing an incident and recording what was sent")
struct RegulatoryRulesTests {
    static let aware = RegulatoryClocksTests.aware
    static let hour = RegulatoryClocks.hour
    static let reported = aware
    static let now = aware + 10 * hour

    @Test("the awareness time: not in the future, not more than a year before the report")
    func awarenessBounds() throws {
        #expect(throws: FieldError(field: "awareAt", problem: .outOfRange)) {
            try RegulatoryAssessment(awareAt: Self.now + 1).validated(reportedAt: Self.reported, at: Self.now)
        }
        #expect(throws: FieldError(field: "awareAt", problem: .outOfRange)) {
            try RegulatoryAssessment(awareAt: Self.reported - 367 * 86_400).validated(
                reportedAt: Self.reported, at: Self.now)
        }
        _ = try RegulatoryAssessment(awareAt: Self.now).validated(reportedAt: Self.reported, at: Self.now)
        _ = try RegulatoryAssessment(awareAt: Self.reported - 300 * 86_400).validated(
            reportedAt: Self.reported, at: Self.now)
    }

    @Test("a DORA classification defaults to now, and is neither before awareness nor in the future")
    func doraClassification() throws {
        let unset = try RegulatoryAssessment(awareAt: Self.aware, dora: .init(major: true)).validated(
            reportedAt: Self.reported, at: Self.now)
        #expect(unset.dora?.classifiedAt == Self.now)
        #expect(throws: FieldError(field: "dora.classifiedAt", problem: .outOfRange)) {
            try RegulatoryAssessment(awareAt: Self.aware, dora: .init(major: true, classifiedAt: Self.aware - 1))
                .validated(reportedAt: Self.reported, at: Self.now)
        }
    }

    @Test("counts are positive and texts within their limits")
    func personalDataChecks() {
        #expect(
            throws: FieldError(
                field: "personalData.approximateSubjects", problem: .outOfRange, limit: 1_000_000_000_000)
        ) {
            try RegulatoryAssessment(awareAt: Self.aware, personalData: .init(approximateSubjects: -1)).validated(
                reportedAt: Self.reported, at: Self.now)
        }
        #expect(throws: FieldError(field: "personalData.consequences", problem: .tooLong, limit: FieldLimits.detail)) {
            try RegulatoryAssessment(
                awareAt: Self.aware,
                personalData: .init(consequences: String(repeating: "x", count: FieldLimits.detail + 1))
            ).validated(reportedAt: Self.reported, at: Self.now)
        }
    }

    @Test("a reporter may not assess; a moved awareness needs its reason; the privacy officer is told of a breach")
    func assess() throws {
        let first = RegulatoryAssessment.unassessed(reportedAt: Self.reported)
        let breach = RegulatoryAssessment(awareAt: Self.aware, personalData: .init(risk: .risk))
        #expect(throws: LifecycleError.forbidden(.assess)) {
            try RegulatoryRules.assess(
                breach, over: first, wasAssessed: false, reason: nil, roles: [.reporter], severity: .minor)
        }
        let effects = try RegulatoryRules.assess(
            breach, over: first, wasAssessed: false, reason: nil, roles: [.responseTeam], severity: .minor)
        #expect(effects.journal.map(\.kind) == [.assessed])
        #expect(effects.journal.first?.details["personalData.risk"] == "risk")
        #expect(effects.events.map(\.kind) == [.breachAssessed])
        #expect(effects.events.first?.recipients == [NotificationRecipient(role: .privacyOfficer)])
        var moved = breach
        moved.awareAt = Self.aware - Self.hour
        #expect(throws: FieldError(field: "reason", problem: .required)) {
            try RegulatoryRules.assess(
                moved, over: breach, wasAssessed: true, reason: "  ", roles: [.responseTeam], severity: .minor)
        }
        let correction = try RegulatoryRules.assess(
            moved, over: breach, wasAssessed: true, reason: "the log shows it earlier", roles: [.responseTeam],
            severity: .minor)
        #expect(correction.journal.first?.times["awareAt"] == Self.aware - Self.hour)
        #expect(correction.journal.first?.text == "the log shows it earlier")
        #expect(correction.events.isEmpty, "not a new breach")
        var high = breach
        high.personalData?.risk = .high
        let raised = try RegulatoryRules.assess(
            high, over: breach, wasAssessed: true, reason: nil, roles: [.responseTeam], severity: .minor)
        #expect(raised.events.map(\.kind) == [.breachAssessed])
        #expect(raised.journal.first?.details == ["personalData.risk": "high"])
        #expect(throws: LifecycleError.unchanged) {
            try RegulatoryRules.assess(
                high, over: high, wasAssessed: true, reason: nil, roles: [.responseTeam], severity: .minor)
        }
    }

    static func recording(
        _ step: ObligationStep, _ kind: ObligationRecord.Kind = .submission, at: Date, reason: String = "",
        settings: RegulationSettings = .init(), assessment: RegulatoryAssessment = RegulatoryClocksTests.breach(),
        records: [ObligationRecord] = [], roles: Set<Role> = [.privacyOfficer]
    ) throws -> (record: ObligationRecord, effects: IncidentEffects) {
        let clocks = RegulatoryClocks.clocks(settings: settings, assessment: assessment, records: records)
        return try RegulatoryRules.record(
            ObligationRecord(
                id: UUID(), step: step, kind: kind, at: at, recipient: " CNIL ", reason: reason, recordedBy: nil,
                recordedAt: Self.now), clocks: clocks, settings: settings, roles: roles, severity: .major, at: Self.now)
    }

    @Test("a submission: in time, recorded and journalled; in the future or late without a reason, refused")
    func submissions() throws {
        let made = try Self.recording(.gdprAuthority, at: Self.aware + Self.hour)
        #expect(made.record.recipient == "CNIL")
        #expect(made.effects.journal.map(\.kind) == [.obligationSubmitted])
        #expect(made.effects.journal.first?.details["late"] == nil)
        #expect(throws: FieldError(field: "at", problem: .outOfRange)) {
            try Self.recording(.gdprAuthority, at: Self.now + 1)
        }
        let later = RegulatoryClocksTests.aware + 80 * Self.hour
        let lateAssessment = RegulatoryClocksTests.breach()
        #expect(throws: FieldError(field: "reason", problem: .required)) {
            try RegulatoryRules.record(
                ObligationRecord(
                    id: UUID(), step: .gdprAuthority, kind: .submission, at: later, recordedBy: nil, recordedAt: later),
                clocks: RegulatoryClocks.clocks(settings: .init(), assessment: lateAssessment, records: []),
                settings: .init(), roles: [.incidentManager], severity: .major, at: later)
        }
        let late = try RegulatoryRules.record(
            ObligationRecord(
                id: UUID(), step: .gdprAuthority, kind: .submission, at: later, reason: "the DPO was away",
                recordedBy: nil, recordedAt: later),
            clocks: RegulatoryClocks.clocks(settings: .init(), assessment: lateAssessment, records: []),
            settings: .init(), roles: [.incidentManager], severity: .major, at: later)
        #expect(late.effects.journal.first?.details["late"] == "true")
    }

    @Test("a decision needs its reason; a DORA step outside DORA, or a step the assessment does not call for, is 409")
    func decisionsAndApplicability() throws {
        #expect(throws: FieldError(field: "reason", problem: .required)) {
            try Self.recording(.gdprAuthority, .decision, at: Self.aware)
        }
        let decided = try Self.recording(.gdprAuthority, .decision, at: Self.aware, reason: "no risk: encrypted")
        #expect(decided.effects.journal.map(\.kind) == [.obligationNotNotified])
        #expect(throws: Refusal.notApplicable(.doraInitial)) {
            try Self.recording(.doraInitial, at: Self.aware)
        }
        #expect(throws: Refusal.notApplicable(.gdprDataSubjects)) {
            try Self.recording(.gdprDataSubjects, at: Self.aware)
        }
        #expect(throws: Refusal.alreadySettled(.gdprAuthority)) {
            try Self.recording(
                .gdprAuthority, .decision, at: Self.aware, reason: "x",
                records: [RegulatoryClocksTests.record(.gdprAuthority, at: Self.aware)])
        }
        #expect(throws: FieldError(field: "kind", problem: .invalid)) {
            try Self.recording(.gdprAuthority, .progress, at: Self.aware)
        }
        #expect(throws: LifecycleError.forbidden(.notifyAuthorities)) {
            try Self.recording(.gdprAuthority, at: Self.aware, roles: [.responseTeam])
        }
    }

    @Test("authority links: web pages and e-mail only") func links() {
        #expect(SafeLink.allows("https://notifications.cnil.fr/notifications/index"))
        #expect(SafeLink.allows("mailto:dpo@example.be"))
        #expect(!SafeLink.allows("javascript:alert(1)"))
        #expect(!SafeLink.allows("JAVASCRIPT://x"))
        #expect(!SafeLink.allows("https:"))
        #expect(!SafeLink.allows("https://a b"))
        #expect(!SafeLink.allows("data:text/html,x"))
        let bad = RegulationSettings(authorities: [.init(regime: .gdpr, name: "X", link: "javascript:x")])
        #expect(throws: FieldError(field: "authorities[0].link", problem: .invalid)) { try bad.validated() }
        #expect(RegulationSettings(country: .nl).authorities(for: .gdpr).first?.name == "Autoriteit Persoonsgegevens")
    }
}
