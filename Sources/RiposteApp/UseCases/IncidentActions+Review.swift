import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

extension IncidentActions {
    struct ReviewDTO: Content {
        struct Question: Content {
            let key: String
            let section: String
            let kind: String
            let choices: [String]?
            let required: Bool
            /// The organisation's words for a question it added (`extra.…`); nil for the form's.
            let text: String?
        }

        struct Recovery: Content {
            let activity: String
            let rto: String
            let met: Bool
        }

        struct Prefill: Content {
            let number: String
            let detectedAt: Date
            let resolvedAt: Date?
            let type: String?
            let severity: Severity?
            let customersAffected: Bool
            let manager: String?
            let description: String
            let plansActivated: [ResponsePlan]
            let cmpActivated: Bool
            let communicationMedia: [CommunicationMedia]
            let firstCommunicationAt: Date?
            let updateIntervalSeconds: Int?
            let recoverySeconds: Int?
            let recovery: [Recovery]
            let suggestedRTOAnswer: String?
            let relatedIncidents: [String]
        }

        let incidentId: UUID
        let prefill: Prefill
        let answers: [String: String]
        let complete: Bool
        let missing: [String]
        let questions: [Question]
    }

    /// The review with its pre-filled values (built afresh from the incident each time).
    func review(_ reference: String) async throws -> ReviewDTO {
        let incident = try await find(reference)
        try requireHandler()
        return try await reviewDTO(incident, on: reader.database)
    }

    func reviewDTO(_ incident: IncidentRow, on sql: any SQLDatabase) async throws -> ReviewDTO {
        let answers = try await Self.answers(of: incident.id, on: sql)
        let prefill = try await Self.prefill(incident, on: sql)
        let extra = ExtraQuestions.shown(try await ReviewQuestionStore.questions(on: sql), answers: answers)
        return ReviewDTO(
            incidentId: incident.id,
            prefill: ReviewDTO.Prefill(
                number: prefill.number, detectedAt: prefill.detectedAt, resolvedAt: prefill.resolvedAt,
                type: prefill.type, severity: prefill.severity, customersAffected: prefill.customersAffected,
                manager: prefill.manager, description: prefill.description, plansActivated: prefill.plansActivated,
                cmpActivated: prefill.cmpActivated, communicationMedia: prefill.media,
                firstCommunicationAt: prefill.firstCommunicationAt,
                updateIntervalSeconds: prefill.updateInterval.map { Int($0) },
                recoverySeconds: prefill.recoveryTime.map { Int($0) },
                recovery: prefill.activities.map { .init(activity: $0.name, rto: $0.rto.description, met: $0.met) },
                suggestedRTOAnswer: prefill.suggestedRTOAnswer, relatedIncidents: prefill.related),
            answers: answers, complete: ReviewRules.missing(answers).isEmpty, missing: ReviewRules.missing(answers),
            questions: ReviewForm.sections.flatMap { section in
                let added = extra.filter { $0.section == section.key }.map {
                    ReviewDTO.Question(
                        key: $0.key, section: section.key, kind: "text", choices: nil, required: false, text: $0.text)
                }
                return section.questions.map { question in
                    let (kind, choices): (String, [String]?) =
                        switch question.kind {
                        case .text: ("text", nil)
                        case .yesNo: ("yes_no", ["yes", "no"])
                        case .choice(let options): ("choice", options)
                        case .prefilled: ("prefilled", nil)
                        case .suggested: ("suggested", nil)
                        }
                    return .init(
                        key: question.key, section: section.key, kind: kind, choices: choices,
                        required: question.required, text: nil)
                } + added
            })
    }

    /// Writes the answers (all of them: what is left out is cleared), marks the incident's
    /// review complete or not, journals it, and turns feedback flags into follow-ups.
    @discardableResult
    func saveReview(_ reference: String, answers raw: [String: String], expectedVersion: Int?) async throws -> UUID {
        let extra = try await ReviewQuestionStore.questions(on: reader.database)
        let answers = try FieldError.check { () throws(FieldError) in try ReviewRules.validate(raw, extra: extra) }
        let (roles, author) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            try Lifecycle.writeReview(change.incident.state, roles: roles).orThrow()
            let sql = try change.database.sql()
            let encoded = JournalAppender.encode(answers)
            try await ReviewStore.save(encoded, of: change.incidentID, by: author, at: change.at, on: sql)
            try await change.apply(
                ReviewRules.effects(
                    of: answers, wasComplete: change.incident.reviewComplete, severity: change.incident.state.severity))
            for task in ReviewRules.feedbackTasks(answers) {
                let source = "review:\(task.key)"
                guard try await !FollowUpStore.exists(incident: change.incidentID, source: source, on: sql) else {
                    continue
                }
                try await FollowUpStore.insert(
                    id: UUID.random(), incident: change.incidentID, title: wording.text(task.titleKey, .fallback),
                    owner: nil, ownerRole: task.role, dueOn: nil, source: source, at: change.at, on: sql)
            }
        }.id
    }

    static func answers(of incidentID: UUID, on sql: any SQLDatabase) async throws -> [String: String] {
        try await ReviewStore.answers(of: incidentID, on: sql)
    }

    /// Gathers what the review says by itself: the register, the plans the journal shows
    /// activated, the communications (logged and delivered), the impacted activities' RTO,
    /// and incidents of the same type.
    static func prefill(_ incident: IncidentRow, on sql: any SQLDatabase) async throws -> ReviewPrefill {
        let journal = try await JournalRow.chain(of: incident.id, on: sql)
        var plans: [ResponsePlan] = []
        // The review's "Gestionnaire de l'incident" is the incident's owner (#16 point 5), else
        // whoever started treating it.
        var managerID = incident.ownerId
        for entry in journal {
            let details = (try? JSONDecoder().decode([String: String].self, from: Data(entry.details.utf8))) ?? [:]
            if entry.kind == JournalKind.planActivated.rawValue, let plan = details["plan"].flatMap(ResponsePlan.init) {
                plans.append(plan)
            }
            if entry.kind == JournalKind.statusChanged.rawValue, details["to"] == IncidentStatus.inTreatment.rawValue,
                managerID == nil
            {
                managerID = entry.authorId
            }
        }
        var manager = incident.team
        if let managerID {
            manager = try await PeopleStore.name(of: managerID, on: sql) ?? manager
        }
        let communications = try await CommunicationStore.all(of: incident.id, on: sql).map {
            (at: $0.at, media: $0.media)
        }
        let activities = try await ReviewStore.impactedActivities(of: incident.id, on: sql)
        var related: [String] = []
        if let type = incident.type {
            related = try await ReviewStore.related(
                to: incident.id, type: type, exercise: incident.exercise != nil, limit: 10, on: sql)
        }
        return ReviewPrefill(
            ReviewPrefill.Facts(
                number: incident.number, reportedAt: incident.reportedAt, detectedAt: incident.detectedAt,
                resolvedAt: incident.resolvedAt, type: incident.type, severity: incident.state.severity,
                customersAffected: incident.customersAffected, manager: manager, description: incident.description,
                plansActivated: plans, communications: communications, activities: activities, related: related))
    }
}
