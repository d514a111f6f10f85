import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// The law's side of an incident (#17): its assessment, its clocks, what was sent. The rules
/// are the core's (`RegulatoryRules`, `RegulatoryClocks`); this checks who asks, reads and
/// writes through the stores, and keeps the clocks' state the sweep reads.
extension IncidentActions {
    /// An incident's assessment, its clocks and what was sent, as they stand.
    struct RegulatoryView: Sendable {
        let settings: RegulationSettings
        let assessed: Bool
        let assessment: RegulatoryAssessment
        let records: [ObligationRecord]
        let clocks: [ObligationClock]
        let alertsMade: Set<String>
        let updatedAt: Date?
        /// An exercise's: its clocks never start.
        let exercise: Bool

        /// Where the clocks stand for the sweep, the dashboard and the register, at `now`.
        func state(alertsMade made: Set<String>? = nil, at now: Date) -> RegulationStore.ClockState {
            let made = made ?? alertsMade
            let open = clocks.filter(\.isOpen)
            var next = RegulatoryAlerts.nextAlertAt(clocks, made: made, after: now)
            // A NIS2 final report after a progress report is due a month after the incident is
            // handled, which no change of the assessment announces: the sweep looks daily.
            if open.contains(where: { $0.step == .nis2FinalReport && $0.dueAt == nil }) {
                next = min(next ?? .distantFuture, now.addingTimeInterval(86_400))
            }
            return .init(
                openObligations: !open.isEmpty, nextDueAt: open.compactMap(\.dueAt).min(), nextAlertAt: next,
                alertsMade: made)
        }

        func with(_ assessment: RegulatoryAssessment, records: [ObligationRecord], resolvedAt: Date?) -> RegulatoryView
        {
            RegulatoryView(
                settings: settings, assessed: true, assessment: assessment, records: records,
                clocks: RegulatoryClocks.clocks(
                    settings: settings, assessment: assessment, records: records, handledAt: resolvedAt,
                    exercise: exercise),
                alertsMade: alertsMade, updatedAt: updatedAt, exercise: exercise)
        }
    }

    static func regulatoryView(of incident: IncidentRow, on sql: any SQLDatabase) async throws -> RegulatoryView {
        let stored = try await RegulationStore.assessment(of: incident.id, on: sql)
        let settings = try await RegulationStore.settings(on: sql)
        // Nothing is recorded for an incident never assessed (`recordObligation` refuses it).
        let records = stored == nil ? [] : try await RegulationStore.records(of: incident.id, on: sql)
        let assessment = stored?.assessment ?? .unassessed(reportedAt: incident.reportedAt)
        return RegulatoryView(
            settings: settings, assessed: stored != nil, assessment: assessment, records: records,
            clocks: RegulatoryClocks.clocks(
                settings: settings, assessment: assessment, records: records, handledAt: incident.resolvedAt,
                exercise: incident.exercise != nil),
            alertsMade: stored?.alertsMade ?? [], updatedAt: stored?.updatedAt, exercise: incident.exercise != nil)
    }

    /// The open deadlines of an incident, soonest first, and whether it was assessed: what its
    /// page shows; one indexed read for an incident never assessed.
    static func openDeadlines(
        of incident: IncidentRow, on sql: any SQLDatabase
    ) async throws -> (assessed: Bool, open: [ObligationClock]) {
        guard try await RegulationStore.isAssessed(incident.id, on: sql) else { return (false, []) }
        return (true, RegulatoryClocks.soonestFirst(try await regulatoryView(of: incident, on: sql).clocks))
    }

    /// The assessment and the clocks of an incident: its handlers only.
    func regulation(_ reference: String) async throws -> (incident: IncidentRow, view: RegulatoryView) {
        let incident = try await find(reference)
        try requireHandler()
        return (incident, try await Self.regulatoryView(of: incident, on: reader.database))
    }

    /// Saves the assessment (every answer given: what is left out is not involved), moves the
    /// clocks, and journals what changed; a moved awareness time needs `reason`. `typed` makes
    /// the assessment from the one stored, read under the incident's lock (what was left out
    /// and is kept: the awareness time, a DORA classification).
    @discardableResult
    func assess(
        _ reference: String, reason: String?, expectedVersion: Int?,
        _ typed: @escaping @Sendable (RegulatoryView) throws -> RegulatoryAssessment
    ) async throws -> UUID {
        guard actor.can(.assess) else { throw LifecycleError.forbidden(.assess) }
        let (roles, author) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let sql = try change.database.sql()
            let incident = change.incident
            let view = try await Self.regulatoryView(of: incident, on: sql)
            let assessment = try typed(view)
            let checked = try FieldError.check { () throws(FieldError) in
                try assessment.validated(reportedAt: incident.reportedAt, at: change.at)
            }
            let effects = try RegulatoryRules.assess(
                checked, over: view.assessment, wasAssessed: view.assessed, reason: reason, roles: roles,
                severity: incident.state.severity)
            let updated = view.with(checked, records: view.records, resolvedAt: incident.resolvedAt)
            try await RegulationStore.save(
                checked, of: incident.id, clocks: updated.state(at: change.at), by: author, at: change.at, on: sql)
            try await change.apply(effects)
        }.id
    }

    /// Records a submission, a progress report or a decision not to notify for one step.
    @discardableResult
    func recordObligation(_ reference: String, _ record: ObligationRecord) async throws -> UUID {
        guard actor.can(.notifyAuthorities) else { throw LifecycleError.forbidden(.notifyAuthorities) }
        let roles = actor.roles
        return try await change(reference, expectedVersion: nil) { change in
            let sql = try change.database.sql()
            let incident = change.incident
            let view = try await Self.regulatoryView(of: incident, on: sql)
            guard view.assessed else { throw Refusal.notApplicable(record.step) }
            let (checked, effects) = try RegulatoryRules.record(
                record, clocks: view.clocks, assessment: view.assessment, settings: view.settings, roles: roles,
                severity: incident.state.severity, handled: incident.resolvedAt != nil || !incident.state.status.isOpen,
                at: change.at)
            try await RegulationStore.insert(checked, of: incident.id, on: sql)
            let updated = view.with(view.assessment, records: view.records + [checked], resolvedAt: incident.resolvedAt)
            try await RegulationStore.update(incident.id, clocks: updated.state(at: change.at), on: sql)
            try await change.apply(effects)
        }.id
    }
}

extension IncidentActions {
    /// The draft of what `step` sends, pre-filled from the incident, in `language` (#17 point 4);
    /// times in the organisation's time zone. A step the incident's assessment does not call for
    /// is refused (409).
    func reportDraft(
        _ reference: String, step: ObligationStep, in language: Language?
    ) async throws -> (incident: IncidentRow, language: Language, markdown: String) {
        let (incident, view) = try await regulation(reference)
        guard let clock = view.clocks.first(where: { $0.step == step }) else { throw Refusal.notApplicable(step) }
        let sql = reader.database
        let organisation = try await OrganisationStore.settings(on: sql) ?? .beforeSetup
        let language = language ?? organisation.language
        var style = Date.FormatStyle(date: .long, time: .shortened)
        style.locale = language.locale
        style.timeZone = organisation.timeZone
        func time(_ date: Date?) -> String {
            date.map { $0.formatted(style) + " (" + organisation.timeZone.identifier + ")" } ?? ""
        }
        let actions = try await JournalRow.chain(of: incident.id, on: sql).filter {
            $0.kind == JournalKind.action.rawValue
        }.map(\.text)
        let facts = ReportDraft.Facts(
            organisation: organisation.name, number: incident.number, title: incident.title,
            description: incident.description, type: incident.type ?? "", severity: incident.state.severity,
            status: incident.state.status, reportedAt: time(incident.reportedAt), detectedAt: time(incident.detectedAt),
            resolvedAt: time(incident.resolvedAt), awareAt: time(view.assessment.awareAt),
            classifiedAt: time(view.assessment.dora?.classifiedAt),
            expectedRecoveryAt: time(incident.expectedRecoveryAt), impact: incident.impact ?? "",
            activities: try await ReviewStore.impactedActivities(of: incident.id, on: sql).map(\.name),
            customersAffected: incident.customersAffected,
            parties: try await IncidentPartyStore.involved(in: incident.id, on: sql).map(\.name), actions: actions,
            privacyContact: view.settings.privacyContact,
            authority: view.settings.authorities(for: step.regime).map { "\($0.name) (\($0.link))" }.joined(
                separator: ", "), assessment: view.assessment,
            late: clock.isOpen && clock.isOverdue(at: now))
        return (incident, language, ReportDraft.markdown(step, facts, in: language, wording: wording))
    }
}
