import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The living incident on its page (#16 points 1 and 2): its facts corrected, its owner, its
/// response team, and its impacted activities with the time left against each RTO.
extension IncidentPageController {
    struct Handling: Encodable {
        struct Person: Encodable {
            let id: UUID
            let name: String
            let selected: Bool
        }

        struct Activity: Encodable {
            let id: UUID
            let name: String
            let rto: String
            let checked: Bool
        }

        struct Impacted: Encodable {
            let name: String
            let rto: String
            /// The time left before the RTO is exceeded, or since it was.
            let left: String
            let passed: Bool
        }

        struct Deadline: Encodable {
            let label: String
            let dueAt: String
            /// The time left, or since it passed.
            let left: String
            let passed: Bool
            let paused: Bool
        }

        let owner: String
        let members: [Person]
        /// The deadlines the incident runs against now (#16 point 3).
        let deadlines: [Deadline]
        /// Who may be designated owner or added to the team.
        let handlers: [Person]
        let activities: [Activity]
        let impacted: [Impacted]
    }

    static func handling(
        _ incident: IncidentRow, _ surroundings: IncidentSurroundings, sla: SLASettings, _ req: Request
    ) -> Handling {
        let memberIDs = Set(surroundings.members.map(\.id))
        let impactedIDs = Set(surroundings.impacted.map(\.id))
        // The RTO counts from when the disruption began: detected, or else reported.
        let disruptedSince = incident.detectedAt ?? incident.reportedAt
        return Handling(
            owner: incident.ownerId.flatMap { surroundings.names[$0] } ?? "",
            members: surroundings.members.map { Handling.Person(id: $0.id, name: $0.name, selected: true) },
            deadlines: deadlines(incident, surroundings, sla: sla, req),
            handlers: surroundings.handlers.map {
                Handling.Person(
                    id: $0.id, name: $0.name, selected: $0.id == incident.ownerId || memberIDs.contains($0.id))
            },
            activities: surroundings.activities.map {
                Handling.Activity(
                    id: $0.id, name: $0.name, rto: req.duration(seconds: $0.rtoSeconds),
                    checked: impactedIDs.contains($0.id))
            },
            impacted: surroundings.impacted.map { activity in
                let countdown = Countdown(
                    to: disruptedSince.addingTimeInterval(TimeInterval(activity.rtoSeconds)), from: req.now)
                return Handling.Impacted(
                    name: activity.name, rto: req.duration(seconds: activity.rtoSeconds),
                    left: incident.status == IncidentStatus.resolved.rawValue || !(incident.state.status.isOpen)
                        ? "" : req.timeLeft(countdown),
                    passed: countdown.passed)
            })
    }

    /// The running deadlines, by the escalation rules, from what the page read already.
    static func deadlines(
        _ incident: IncidentRow, _ surroundings: IncidentSurroundings, sla: SLASettings, _ req: Request
    ) -> [Handling.Deadline] {
        let facts = EscalationFactsReader.facts(
            for: incident,
            activities: surroundings.impacted.map {
                ImpactedActivity(id: $0.id, rto: ISODuration(seconds: $0.rtoSeconds))
            })
        let names = Dictionary(surroundings.impacted.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return EscalationPolicy.deadlines(facts, settings: sla, at: req.now).map { deadline in
            let countdown = Countdown(to: deadline.dueAt, from: req.now)
            let label =
                deadline.kind == .rto
                ? req.t("deadline.rto", deadline.activity.flatMap { names[$0] } ?? "")
                : req.t("deadline.\(deadline.kind.rawValue)")
            return Handling.Deadline(
                label: label, dueAt: req.display(deadline.dueAt), left: req.timeLeft(countdown),
                passed: countdown.passed && !deadline.paused, paused: deadline.paused)
        }
    }

    /// The facts form: every field is posted, the activities as the boxes ticked.
    func facts(_ req: Request) async throws -> Response {
        try await perform(req, form: "facts") { actions, number, fields in
            let activities = try (fields.activities ?? []).map { raw in
                guard let id = UUID(uuidString: raw) else {
                    throw FieldError(field: "impactedActivityIds", problem: .unknown)
                }
                return id
            }
            try await actions.edit(
                number,
                IncidentFactsChange(
                    title: fields.title ?? "", description: fields.description ?? "", impact: fields.impact ?? "",
                    resourcesAllocated: fields.resourcesAllocated ?? "",
                    customersAffected: fields.customersAffected != nil,
                    team: fields.team ?? "", impactedActivityIDs: activities),
                expectedVersion: fields.version)
            return "incident.done.facts"
        }
    }

    func owner(_ req: Request) async throws -> Response {
        try await perform(req, form: "owner") { actions, number, fields in
            try await actions.assignOwner(number, to: try Self.person(fields), expectedVersion: fields.version)
            return "incident.done.owner"
        }
    }

    /// Adds a member, or takes one off the team (`action` = `remove`).
    func members(_ req: Request) async throws -> Response {
        try await perform(req, form: "members") { actions, number, fields in
            let added = fields.action != "remove"
            try await actions.changeMembership(
                number, of: try Self.person(fields), added: added, expectedVersion: fields.version)
            if !added { return "incident.done.memberRemoved" }
            return "incident.done.memberAdded"
        }
    }

    private static func person(_ fields: Fields) throws -> UUID {
        guard let id = fields.userId.flatMap(UUID.init(uuidString:)) else {
            throw FieldError(field: "userId", problem: .required)
        }
        return id
    }
}
