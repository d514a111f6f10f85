import Foundation

/// Everything one decision of the core does to an incident, as one value that storage applies
/// as it is: the new qualification, the escalations made, the journal entries, who is told,
/// and whether the checklist follows a new severity. One incident's effects and a batch's are
/// written by the same code.
public struct IncidentEffects: Sendable, Equatable {
    /// A journal entry to append, in order. Its times are details too, written by storage
    /// in the journal's one format.
    public struct Entry: Sendable, Equatable {
        public let kind: JournalKind
        public let text: String
        public let details: [String: String]
        public let times: [String: Date]

        public init(
            _ kind: JournalKind, text: String = "", details: [String: String] = [:], times: [String: Date] = [:]
        ) {
            self.kind = kind
            self.text = text
            self.details = details
            self.times = times
        }
    }

    /// A notification to write with the change: what happened, and to whom.
    public struct Event: Sendable, Equatable {
        public let kind: NotificationEventKind
        /// The severity the message states: the incident's at that point of the decision.
        public let severity: Severity?
        public let escalation: String?
        public let plan: ResponsePlan?
        /// What the person who acted wrote for the readers.
        public let note: String?
        /// For the law's deadlines: when it is due.
        public let dueAt: Date?
        public let recipients: [NotificationRecipient]

        public init(
            _ kind: NotificationEventKind, severity: Severity?, escalation: String? = nil, plan: ResponsePlan? = nil,
            note: String? = nil, dueAt: Date? = nil, to recipients: [NotificationRecipient]
        ) {
            self.dueAt = dueAt
            self.kind = kind
            self.severity = severity
            self.escalation = escalation
            self.plan = plan
            self.note = note
            self.recipients = recipients
        }
    }

    /// A new type, severity and status (a qualification, or the sweep's minor-to-major).
    public var qualification: Qualification?
    /// A move along the lifecycle, with the times it sets (resolved, closed) or clears (reopened).
    public var statusChange: StatusChange?
    /// The SLA clock, paused or resumed.
    public var clock: SLAClock?
    /// A status report made now (§4.2.3 table), with the recovery it expects, if it says.
    public var statusReport: StatusReport?
    /// The response plans as they stand after a plan was activated, stood down or agreed on.
    public var plans: PlanState?
    /// Whether the post-incident review now answers every question (§4.6).
    public var reviewComplete: Bool?
    /// The incident's facts as corrected (title, description, impact, team…).
    public var facts: IncidentFacts?
    /// The employee now designated to handle it.
    public var owner: UUID?
    /// The incident's deadlines are to be looked at again at once: the next sweep settles
    /// them (new SLA targets, `SLASettings.changed`).
    public var dueAtOnce = false
    /// The keys of the escalations made, each made once per incident.
    public var escalationsMade: [String] = []
    public var journal: [Entry] = []
    public var events: [Event] = []
    /// The severity whose steps the checklist now holds, when it changed (§4.2.1–§4.2.4).
    public var checklist: Severity?
    /// The steps of the playbook the qualification follows, added to the checklist (#20 point 2).
    public var playbookSteps: [ChecklistStep] = []

    public init(
        qualification: Qualification? = nil, statusChange: StatusChange? = nil, clock: SLAClock? = nil,
        statusReport: StatusReport? = nil, plans: PlanState? = nil, reviewComplete: Bool? = nil,
        facts: IncidentFacts? = nil, owner: UUID? = nil, dueAtOnce: Bool = false, escalationsMade: [String] = [],
        journal: [Entry] = [], events: [Event] = [],
        checklist: Severity? = nil
    ) {
        self.qualification = qualification
        self.statusChange = statusChange
        self.clock = clock
        self.statusReport = statusReport
        self.plans = plans
        self.reviewComplete = reviewComplete
        self.facts = facts
        self.owner = owner
        self.dueAtOnce = dueAtOnce
        self.escalationsMade = escalationsMade
        self.journal = journal
        self.events = events
        self.checklist = checklist
    }

    /// Nothing to do.
    public var isEmpty: Bool { self == IncidentEffects() }

    /// A journal entry and nothing else (a note, an action taken, a party named, a step done).
    public static func entry(
        _ kind: JournalKind, text: String = "", details: [String: String] = [:], times: [String: Date] = [:]
    ) -> IncidentEffects {
        IncidentEffects(journal: [Entry(kind, text: text, details: details, times: times)])
    }
}

extension Qualification {
    /// A qualification as effects: the fields, its journal entry and, when the severity
    /// changed, the checklist of the new one; made by a person holding `roles`, who is told
    /// (`alerts(by:)`). The sweep's re-qualification has no one behind it: its escalation
    /// says it.
    /// A crisis invokes the CMP (§4.2.4) when `plans` is given: it then awaits its manager's
    /// decision, unless it is already invoked or active.
    /// Who is told is recorded with the entry (`notify`), so that a later downgrade tells them.
    public func effects(
        team: String? = nil, reason: String? = nil, by roles: Set<Role>? = nil, plans: PlanState? = nil,
        at: Date? = nil, previouslyTold: [Role]? = nil
    ) -> IncidentEffects {
        let events = roles.map { alerts(by: $0, previouslyTold: previouslyTold) } ?? []
        var details = journalEntry(team: team, reason: reason).details
        if let told = events.first?.recipients, !told.isEmpty { details["notify"] = RecipientList.encode(told) }
        var effects = IncidentEffects(
            qualification: self, journal: [IncidentEffects.Entry(journalEntry().kind, details: details)],
            events: events, checklist: severityChanged ? severity : nil)
        if severity == .crisis, action == .qualify || severityChanged, var plans, let at,
            ![.active, .invoked].contains(plans.involvement(of: .cmp))
        {
            plans.marks[.cmp] = PlanMark(.invoked, at: at)
            effects.plans = plans
            effects.journal.append(.init(.planInvoked, details: ["plan": ResponsePlan.cmp.rawValue]))
        }
        return effects
    }
}

extension StatusChange {
    /// A move along the lifecycle as effects: the new status and its journal entry, the reason
    /// (when one was given) as its text. Reopening an incident whose plans were `plans` runs
    /// its IRP again: it was deactivated for a closing that will not come now.
    public func effects(plans: PlanState? = nil) -> IncidentEffects {
        var effects = IncidentEffects(
            statusChange: self,
            journal: [
                .init(
                    .statusChanged, text: reason ?? "",
                    details: ["from": from.rawValue, "to": to.rawValue, "action": action.rawValue])
            ])
        if action == .reopen, var plans, plans.marks[.irp] != nil {
            plans.marks[.irp] = nil
            effects.plans = plans
        }
        return effects
    }
}

extension SLAClock {
    /// The clock just paused or resumed as effects: the clock, and its journal entry (the time
    /// paused so far, in whole seconds, and since when it is paused).
    public func effects(paused: Bool, reason: String?) -> IncidentEffects {
        IncidentEffects(
            clock: self,
            journal: [
                .init(
                    paused ? .clockPaused : .clockResumed, text: reason ?? "",
                    details: ["pausedSeconds": String(Int(pausedSeconds.rounded()))],
                    times: pausedSince.map { ["pausedSince": $0] } ?? [:])
            ])
    }
}

/// A status report to the crisis manager (§4.2.3 table): the situation, and when recovery is
/// expected, to the millisecond the journal keeps.
public struct StatusReport: Sendable, Equatable {
    public let situation: String
    public let expectedRecoveryAt: Date?

    public init(situation: String, expectedRecoveryAt: Date?) {
        self.situation = situation
        self.expectedRecoveryAt = expectedRecoveryAt.map(JournalClock.truncate)
    }

    /// The report made on `incident`, whose facts are `facts`: recorded, journalled, and sent
    /// to its readers (`readers(of:facts:)`) with the situation.
    public func effects(on incident: IncidentState, facts: EscalationFacts) -> IncidentEffects {
        let readers = readers(of: incident, facts: facts)
        return IncidentEffects(
            statusReport: self,
            journal: [
                .init(
                    .statusReport, text: situation,
                    times: expectedRecoveryAt.map { ["expectedRecoveryAt": $0] } ?? [:])
            ],
            events: readers.isEmpty
                ? [] : [.init(.statusReport, severity: incident.severity, note: situation, to: readers)])
    }

    /// Who reads a status report (§4.2.3 table, note F): the crisis manager when the incident is
    /// major or a crisis or the CMP is invoked or active; the continuity manager when the BCP is
    /// warned or active or the recovery expected comes after an impacted activity's RTO.
    public func readers(of incident: IncidentState, facts: EscalationFacts) -> [NotificationRecipient] {
        var readers: [NotificationRecipient] = []
        if (incident.severity ?? .low) >= .major || [.invoked, .active].contains(incident.plans.involvement(of: .cmp)) {
            readers.append(.init(role: .crisisManager, flow: NotificationFlow.between(.irp, .cmp)?.number))
        }
        // A report without a date leaves the incident's earlier estimate standing.
        let beyondRTO =
            (expectedRecoveryAt ?? facts.expectedRecoveryAt).map { expected in
                facts.impactedActivities.contains {
                    expected > facts.disruptedSince.addingTimeInterval(TimeInterval($0.rto.seconds))
                }
            } ?? false
        if [.warned, .active].contains(incident.plans.involvement(of: .bcp)) || beyondRTO {
            readers.append(.init(role: .continuityManager, flow: NotificationFlow.between(.irp, .bcp)?.number))
        }
        return readers
    }
}

extension EscalationPolicy {
    /// What making the `due` escalations does (§4.2.3 and its table): each is recorded and its
    /// recipients told; past its resolution time a minor incident becomes major, applied as
    /// any re-qualification with the rule as its reason, and follows the major checklist.
    public static func effects(of due: [Escalation], on incident: IncidentState) -> IncidentEffects {
        var effects = IncidentEffects()
        var state = incident
        for escalation in due {
            effects.escalationsMade.append(escalation.key)
            effects.journal.append(
                .init(
                    .escalated,
                    details: [
                        "kind": escalation.kind.rawValue, "key": escalation.key, "notify": escalation.notifyList,
                    ], times: ["dueAt": escalation.dueAt]))
            if escalation.kind == .minorBecomesMajor {
                let decision = Qualification.escalatedToMajor(state)
                let requalified = decision.effects(reason: escalation.kind.rawValue)
                effects.qualification = decision
                effects.journal += requalified.journal
                effects.checklist = requalified.checklist ?? effects.checklist
                state.apply(decision)
            }
            effects.events.append(
                .init(
                    .escalated, severity: state.severity, escalation: escalation.kind.rawValue,
                    to: escalation.notify.map { NotificationRecipient(role: $0) }))
        }
        return effects
    }
}

extension IncidentState {
    /// The state once `qualification` is applied.
    public mutating func apply(_ qualification: Qualification) {
        type = qualification.type
        severity = qualification.severity
        status = qualification.newStatus
    }
}
