import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// What a person does to incidents, whichever door they came through (JSON API or web form):
/// the check of what they typed, the core's verdict, the change and its journal entry, in one
/// place. Controllers only translate requests to these calls and results to responses; a
/// refusal is a `Refusal`, `FieldError` or `LifecycleError`, which knows no HTTP: the API
/// maps it to a status (`APIError`) and the pages to a sentence.
struct IncidentActions: Sendable {
    let store: IncidentStore
    let reader: IncidentReader
    let actor: ActingPerson
    let now: Date
    let logger: Logger
    let wording: Catalogue
    /// Whether Riposte sends e-mail: then the reporter from outside is told of the resolution.
    var sendsMail = false

    /// Files a report (§4.2): anyone signed in.
    func report(_ draft: IncidentReport) async throws -> IncidentDTO {
        guard actor.can(.report) else { throw LifecycleError.forbidden(.report) }
        if draft.exercise != nil, !actor.can(.runExercise) { throw LifecycleError.forbidden(.runExercise) }
        let now = self.now
        let report = try FieldError.check { () throws(FieldError) in try draft.validated(at: now) }
        let filed = try await store.report(report, by: actor, at: now)
        return IncidentDTO(filed, activities: report.impactedActivityIDs, checklist: [])
    }

    /// The incident, by id or number, if the actor may see it (404 / 403 otherwise).
    func find(_ reference: String) async throws -> IncidentRow {
        try await reader.find(reference, visibleTo: actor)
    }

    /// Whether the actor handles incidents (reads the register), as opposed to someone who only
    /// reports: a reporter sees the public side of their incident only (#13).
    var isHandler: Bool { actor.can(.viewRegister) }

    /// Refuses what only those who handle incidents may read: the review, the deliveries.
    func requireHandler() throws {
        guard isHandler else { throw LifecycleError.forbidden(.viewRegister) }
    }

    /// Runs a change on an incident the actor may see; returns the incident's id.
    func change<T: Sendable>(
        _ reference: String, expectedVersion: Int?, _ body: @escaping @Sendable (IncidentChange) async throws -> T
    ) async throws -> (id: UUID, result: T) {
        let incident = try await find(reference)
        let result = try await store.mutate(
            incident.id, expectedVersion: expectedVersion, author: actor.id, at: now, body)
        return (incident.id, result)
    }

    /// Type and severity, first time or again (§4.2, §4.2.3 step 2).
    @discardableResult
    /// `playbookID` names the scenario playbook the incident follows from now (#20 point 2).
    func qualify(
        _ reference: String, type rawType: String, severity: Severity, team rawTeam: String?,
        playbookID: UUID? = nil, expectedVersion: Int?
    )
        async throws -> UUID
    {
        let (type, team) = try FieldError.check { () throws(FieldError) in
            (
                try TextRule.required(rawType, field: "type", max: FieldLimits.type),
                try TextRule.optional(rawTeam, field: "team", max: FieldLimits.team)
            )
        }
        var playbook: Playbook?
        if let playbookID {
            guard let found = try await PlaybookStore.find(playbookID, on: reader.database) else {
                throw FieldError(field: "playbookId", problem: .unknown)
            }
            playbook = found.playbook
        }
        let following = playbook
        let (roles, qualifier) = (actor.roles, Designee(id: actor.id, name: actor.name, roles: actor.roles))
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let decision: Qualification
            switch Lifecycle.qualify(change.incident.state, type: type, severity: severity, roles: roles) {
            case .success(let qualification): decision = qualification
            case .failure(.unchanged) where following != nil:
                // The same qualification with a playbook: the playbook alone is followed.
                try Lifecycle.followPlaybook(change.incident.state, roles: roles).orThrow()
                return try await change.apply(IncidentEffects().following(following))
            case .failure(let refusal): throw refusal
            }
            // A downgrade tells whoever the earlier qualifications told.
            let downgrade = decision.previousSeverity.map { severity < $0 } ?? false
            let told =
                downgrade
                ? try await JournalRow.toldOfQualifications(of: change.incidentID, on: change.database.sql()) : nil
            // Whoever qualifies an incident handles it, until someone hands it to another.
            let effects = decision.effects(
                team: team, by: roles, plans: change.incident.state.plans, at: change.at,
                previouslyTold: told.flatMap { $0.isEmpty ? nil : $0 }
            ).designating(Lifecycle.defaultOwner(change.incident.ownerId, qualifiedBy: qualifier)).following(following)
            return try await change.apply(effects, team: team)
        }.id
    }

    /// A move along the lifecycle.
    @discardableResult
    func transition(
        _ reference: String, to target: IncidentStatus, reason rawReason: String?, expectedVersion: Int?
    )
        async throws -> UUID
    {
        let reason = try FieldError.check { () throws(FieldError) in
            try TextRule.optional(rawReason, field: "reason", max: FieldLimits.reason)
        }
        let (roles, user, logger) = (actor.roles, actor.id, logger)
        let mailing = sendsMail ? wording : nil
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let result = Lifecycle.transition(change.incident.state, to: target, reason: reason, roles: roles)
            if case .failure(let error) = result {
                // The refused attempt leaves no trace in the register, only in the log.
                logger.notice(
                    "refused-transition",
                    metadata: [
                        "incident": "\(change.incident.number)", "to": "\(target.rawValue)", "user": "\(user)",
                        "code": "\(error.code)",
                    ])
            }
            try await change.apply(try result.orThrow().effects(plans: change.incident.state.plans))
            if target == .resolved, let mailing { try await Self.tellReporterResolved(in: change, by: user, mailing) }
        }.id
    }

    /// An action taken or a note, in the journal; returns the entry and the incident's new version.
    func addEntry(
        _ reference: String, kind: JournalKind, text rawText: String, expectedVersion: Int?
    )
        async throws -> (entry: JournalEntryDTO, version: Int)
    {
        guard JournalKind.writable.contains(kind) else { throw FieldError(field: "kind", problem: .invalid) }
        let text = try FieldError.check { () throws(FieldError) in
            try TextRule.required(rawText, field: "text", max: FieldLimits.journalText)
        }
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            _ = try Lifecycle.addEntry(change.incident.state, kind: kind, roles: roles).orThrow()
            let written = try await change.apply(.entry(kind, text: text))
            guard let entry = written.last else { throw StorageFault.entryLost }
            // The version after this change, whatever other writers did before it.
            return (JournalEntryDTO(entry), change.incident.version)
        }.result
    }

    /// Ticks a step of the checklist, by name and time.
    @discardableResult
    func completeStep(_ reference: String, itemID: UUID, expectedVersion: Int?) async throws -> UUID {
        let (roles, user) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let sql = try change.database.sql()
            guard let item = try await ChecklistRow.item(itemID, of: change.incidentID, on: sql) else {
                throw Refusal.notFound(.checklistItem)
            }
            try Lifecycle.completeStep(change.incident.state, alreadyDone: item.done, roles: roles).orThrow()
            try await ChecklistRow.markDone(itemID, by: user, at: change.at, on: sql)
            var details = ["step": item.stepKey, "item": itemID.uuidString]
            details["text"] = item.text
            try await change.apply(.entry(.checklistStepDone, details: details))
        }.id
    }
}

extension Request {
    /// The signed-in person's actions, at the request's time.
    var actions: IncidentActions {
        get throws {
            IncidentActions(
                store: incidents, reader: try incidentReader, actor: try actingPerson, now: now, logger: logger,
                wording: application.catalogue, sendsMail: application.notificationSettings.sendmail != nil)
        }
    }
}
