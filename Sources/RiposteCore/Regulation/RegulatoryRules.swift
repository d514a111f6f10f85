import Foundation

/// Who may assess an incident and record what was sent, what they may write, and what it does
/// to the incident (its journal entry, who is told). Refusals are the core's: a `FieldError`
/// (422), a `LifecycleError` (403) or a `Refusal` (409).
public enum RegulatoryRules {
    public static let recipientLimit = 200
    public static let referenceLimit = 200
    /// What was sent, a pre-filled draft completed: longer than any one field of the incident.
    public static let documentLimit = 40_000

    /// An assessment saved over `previous` (nil: the first) by someone holding `roles`. A moved
    /// awareness time needs its reason (every clock moves with it). The privacy officer is told
    /// when personal data turns out to be involved, and again when the risk becomes high.
    public static func assess(
        _ assessment: RegulatoryAssessment, over previous: RegulatoryAssessment, wasAssessed: Bool,
        reason rawReason: String?, roles: Set<Role>, severity: Severity?
    ) throws -> IncidentEffects {
        guard PermissionMatrix.allows(roles, .assess, severity: severity) else {
            throw LifecycleError.forbidden(.assess)
        }
        let reason = try TextRule.optional(rawReason, field: "reason", max: FieldLimits.reason)
        if assessment.awareAt != previous.awareAt, reason == nil {
            throw FieldError(field: "reason", problem: .required)
        }
        let (answers, times) = assessment.changes(from: previous)
        guard !answers.isEmpty || !times.isEmpty || !wasAssessed else { throw LifecycleError.unchanged }
        var details = answers
        if !wasAssessed { details = assessment.answers }
        var effects = IncidentEffects.entry(.assessed, text: reason ?? "", details: details, times: times)
        let becameBreach = assessment.isBreach && !previous.isBreach
        // People are told of a high risk unless the data was unintelligible (art. 34(3)(a)).
        let mustTellPeople = { (assessment: RegulatoryAssessment) in
            assessment.personalData.map { $0.risk == .high && !$0.encrypted } ?? false
        }
        let becameHigh = mustTellPeople(assessment) && !mustTellPeople(previous)
        if becameBreach || becameHigh {
            effects.events.append(
                .init(
                    .breachAssessed, severity: severity, escalation: mustTellPeople(assessment) ? "high" : "risk",
                    to: [NotificationRecipient(role: .privacyOfficer)]))
        }
        return effects
    }

    /// A submission, progress report or decision for one of `clocks` of `assessment`, checked at
    /// `now`, by someone holding `roles`, on an incident `handled` (resolved or further) or not.
    public static func record(
        _ record: ObligationRecord, clocks: [ObligationClock], assessment: RegulatoryAssessment,
        settings: RegulationSettings, roles: Set<Role>, severity: Severity?, handled: Bool, at now: Date
    ) throws -> (record: ObligationRecord, effects: IncidentEffects) {
        guard PermissionMatrix.allows(roles, .notifyAuthorities, severity: severity) else {
            throw LifecycleError.forbidden(.notifyAuthorities)
        }
        guard settings.applies(record.step.regime) else { throw Refusal.notApplicable(record.step) }
        guard let clock = clocks.first(where: { $0.step == record.step }) else {
            throw Refusal.notApplicable(record.step)
        }
        let checked = try checked(record, against: clock, awareAt: assessment.awareAt, at: now)
        if !clock.isOpen, checked.kind != .submission { throw Refusal.alreadySettled(record.step) }
        // A progress report stands for a final one while the incident is still being handled
        // (NIS2 art. 23(4)(e)); after, the final report is due.
        if checked.kind == .progress, handled { throw Refusal.notApplicable(record.step) }
        // Art. 33(1): the authority need not be told only when a risk to people is unlikely.
        if checked.kind == .decision, record.step == .gdprAuthority,
            assessment.personalData.map({ $0.risk != .none }) ?? false
        {
            throw Refusal.notificationRequired(record.step)
        }
        var details = ["step": checked.step.rawValue, "kind": checked.kind.rawValue]
        if !checked.recipient.isEmpty { details["recipient"] = checked.recipient }
        if !checked.reference.isEmpty { details["reference"] = checked.reference }
        // What was sent is kept beside the journal; its digest in the chain shows it unaltered.
        if !checked.document.isEmpty { details["documentSHA256"] = JournalHasher.sha256(checked.document) }
        if let due = clock.dueAt, checked.at > due, checked.kind != .decision { details["late"] = "true" }
        let kind: JournalKind = checked.kind == .decision ? .obligationNotNotified : .obligationSubmitted
        return (checked, .entry(kind, text: checked.reason, details: details, times: ["at": checked.at]))
    }

    /// The record's texts trimmed and within their limits; its time not in the future; a
    /// decision's reason, and a late submission's.
    private static func checked(
        _ record: ObligationRecord, against clock: ObligationClock, awareAt: Date, at now: Date
    ) throws(FieldError) -> ObligationRecord {
        // Nothing is sent before the organisation knew, nor before what it follows was sent; to
        // the minute, as people type times.
        let earliest = (clock.provisional ? awareAt : max(awareAt, clock.startsAt)) - 60
        guard record.at <= now, record.at >= earliest else {
            throw FieldError(field: "at", problem: .outOfRange)
        }
        if record.kind == .progress, record.step != .nis2FinalReport {
            throw FieldError(field: "kind", problem: .invalid)
        }
        let recipient = try TextRule.optional(record.recipient, field: "recipient", max: recipientLimit) ?? ""
        let reference = try TextRule.optional(record.reference, field: "reference", max: referenceLimit) ?? ""
        let document = try TextRule.optional(record.document, field: "document", max: documentLimit) ?? ""
        let reason = try TextRule.optional(record.reason, field: "reason", max: FieldLimits.reason) ?? ""
        // A decision says why; a late submission gives the reasons for the delay (art. 33(1)).
        let late = record.kind != .decision && (clock.dueAt.map { record.at > $0 } ?? false)
        if (record.kind == .decision || late), reason.isEmpty {
            throw FieldError(field: "reason", problem: .required)
        }
        return ObligationRecord(
            id: record.id, step: record.step, kind: record.kind, at: record.at, recipient: recipient,
            reference: reference, document: document, reason: reason, recordedBy: record.recordedBy,
            recordedAt: record.recordedAt)
    }
}
