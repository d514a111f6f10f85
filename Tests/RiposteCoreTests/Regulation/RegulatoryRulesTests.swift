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
                recordedAt: Self.now), clocks: clocks, assessment: assessment, settings: settings, roles: roles,
            severity: .major,
            handled: false, at: Self.now)
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
                assessment: lateAssessment, settings: .init(), roles: [.incidentManager], severity: .major,
                handled: false, at: later)
        }
        let late = try RegulatoryRules.record(
            ObligationRecord(
                id: UUID(), step: .gdprAuthority, kind: .submission, at: later, reason: "the DPO was away",
                recordedBy: nil, recordedAt: later),
            clocks: RegulatoryClocks.clocks(settings: .init(), assessment: lateAssessment, records: []),
            assessment: lateAssessment, settings: .init(), roles: [.incidentManager], severity: .major,
            handled: false, at: later)
        #expect(late.effects.journal.first?.details["late"] == "true")
    }

    @Test("a decision needs its reason; a DORA step outside DORA, or a step the assessment does not call for, is 409")
    func decisionsAndApplicability() throws {
        #expect(throws: FieldError(field: "reason", problem: .required)) {
            try Self.recording(.gdprAuthority, .decision, at: Self.aware)
        }
        let unlikely = RegulatoryClocksTests.breach(risk: .none)
        let decided = try Self.recording(
            .gdprAuthority, .decision, at: Self.aware, reason: "no risk: encrypted", assessment: unlikely)
        #expect(decided.effects.journal.map(\.kind) == [.obligationNotNotified])
        // Art. 33(1): not notifying is for a breach unlikely to result in a risk only.
        #expect(throws: Refusal.notificationRequired(.gdprAuthority)) {
            try Self.recording(.gdprAuthority, .decision, at: Self.aware, reason: "trop tard")
        }
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

    @Test("the awareness time goes back one calendar year before the report, not a second more")
    func oneYear() throws {
        let reported = RFC3339.parse("2027-03-01T10:00:00Z")!
        let yearBefore = RFC3339.parse("2026-03-01T10:00:00Z")!
        _ = try RegulatoryAssessment(awareAt: yearBefore).validated(reportedAt: reported, at: reported)
        #expect(throws: FieldError(field: "awareAt", problem: .outOfRange)) {
            try RegulatoryAssessment(awareAt: yearBefore - 1).validated(reportedAt: reported, at: reported)
        }
    }

    @Test("nothing is sent before awareness; a progress report only while the incident is handled")
    func recordBounds() throws {
        #expect(throws: FieldError(field: "at", problem: .outOfRange)) {
            try Self.recording(.gdprAuthority, at: Self.aware - 3600)
        }
        _ = try Self.recording(.gdprAuthority, at: Self.aware - 30)
        let nis2 = RegulatoryAssessment(awareAt: Self.aware, nis2: .init(severeDisruption: true))
        let settings = RegulationSettings(nis2: .important)
        let records = [RegulatoryClocksTests.record(.nis2Notification, at: Self.aware + 3600)]
        let clocks = RegulatoryClocks.clocks(settings: settings, assessment: nis2, records: records)
        let progress = ObligationRecord(
            id: UUID(), step: .nis2FinalReport, kind: .progress, at: Self.now, recordedBy: nil, recordedAt: Self.now)
        _ = try RegulatoryRules.record(
            progress, clocks: clocks, assessment: nis2, settings: settings, roles: [.incidentManager],
            severity: .major, handled: false, at: Self.now)
        #expect(throws: Refusal.notApplicable(.nis2FinalReport)) {
            try RegulatoryRules.record(
                progress, clocks: clocks, assessment: nis2, settings: settings, roles: [.incidentManager],
                severity: .major, handled: true, at: Self.now)
        }
    }

    @Test("a high risk on encrypted data tells the privacy officer of a breach, not that people must be told")
    func encryptedHighRisk() throws {
        let encrypted = RegulatoryAssessment(
            awareAt: Self.aware, personalData: .init(risk: .high, encrypted: true))
        let effects = try RegulatoryRules.assess(
            encrypted, over: .unassessed(reportedAt: Self.reported), wasAssessed: false, reason: nil,
            roles: [.incidentManager], severity: .minor)
        #expect(effects.events.first?.escalation == "risk")
    }

    @Test("what was sent is in the chain by its digest")
    func documentDigest() throws {
        let record = ObligationRecord(
            id: UUID(), step: .gdprAuthority, kind: .submission, at: Self.aware, document: "Notification",
            recordedBy: nil, recordedAt: Self.now)
        let made = try RegulatoryRules.record(
            record,
            clocks: RegulatoryClocks.clocks(
                settings: .init(), assessment: RegulatoryClocksTests.breach(), records: []),
            assessment: RegulatoryClocksTests.breach(), settings: .init(), roles: [.privacyOfficer],
            severity: nil, handled: false, at: Self.now)
        #expect(made.effects.journal.first?.details["documentSHA256"] == JournalHasher.sha256("Notification"))
        #expect(JournalHasher.sha256("Notification").count == 64)
    }
}
