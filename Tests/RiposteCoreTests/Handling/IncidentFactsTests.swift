import Foundation
import Testing

@testable import RiposteCore

@Suite("Facts that follow the incident")
struct IncidentFactsTests {
    let facts = IncidentFacts(title: "Messagerie en panne", description: "Plus aucun e-mail")

    @Test("a change sets the fields given, trims them, clears an optional one with empty text")
    func applied() throws {
        var withImpact = facts
        withImpact.impact = "Tout le siège"
        let changed = try IncidentFactsChange(
            title: "  Messagerie tombée ", impact: "", resourcesAllocated: "2 techniciens", customersAffected: true,
            team: "Infra"
        ).applied(to: withImpact)
        #expect(changed.title == "Messagerie tombée")
        #expect(changed.description == "Plus aucun e-mail")
        #expect(changed.impact == nil)
        #expect(changed.resourcesAllocated == "2 techniciens")
        #expect(changed.customersAffected)
        #expect(changed.team == "Infra")
        #expect(
            changed.changes(from: withImpact) == [.title, .impact, .resourcesAllocated, .customersAffected, .team])
    }

    @Test("the title and description stay required; texts are held to their limits")
    func limits() {
        #expect(throws: FieldError(field: "title", problem: .required)) {
            try IncidentFactsChange(title: " ").applied(to: facts)
        }
        #expect(throws: FieldError(field: "description", problem: .required)) {
            try IncidentFactsChange(description: "").applied(to: facts)
        }
        let long = String(repeating: "a", count: FieldLimits.detail + 1)
        #expect(throws: FieldError(field: "impact", problem: .tooLong, limit: FieldLimits.detail)) {
            try IncidentFactsChange(impact: long).applied(to: facts)
        }
        let many = (0...FieldLimits.impactedActivities).map { _ in UUID() }
        #expect(
            throws: FieldError(field: "impactedActivityIds", problem: .tooLong, limit: FieldLimits.impactedActivities)
        ) {
            try IncidentFactsChange(impactedActivityIDs: many).applied(to: facts)
        }
    }

    @Test("the activities are a set: order and repeats change nothing")
    func activitiesAsSet() throws {
        let (a, b) = (UUID(), UUID())
        let first = try IncidentFactsChange(impactedActivityIDs: [a, b, a]).applied(to: facts)
        let second = try IncidentFactsChange(impactedActivityIDs: [b, a]).applied(to: first)
        #expect(first.impactedActivityIDs.count == 2)
        #expect(second.changes(from: first).isEmpty)
    }

    @Test("an edit's effects: the new facts, one entry per field with before and after")
    func effects() throws {
        let after = try IncidentFactsChange(title: "Nouveau", customersAffected: true).applied(to: facts)
        let edit = try Lifecycle.edit(
            IncidentState(status: .inTreatment, severity: .minor), from: facts, to: after, roles: [.responseTeam]
        ).get()
        let effects = edit.effects()
        #expect(effects.facts == after)
        #expect(
            effects.journal.map(\.details) == [
                ["field": "title", "from": "Messagerie en panne", "to": "Nouveau"],
                ["field": "customersAffected", "from": "false", "to": "true"],
            ])
        #expect(effects.journal.allSatisfy { $0.kind == .edited })
        #expect(effects.events.isEmpty)
    }

    @Test("who may edit, in each status", arguments: IncidentStatus.allCases)
    func whoMayEdit(status: IncidentStatus) {
        var after = facts
        after.title = "Autre"
        let finished: Set<IncidentStatus> = [.closed, .reviewed, .rejected]
        for severity in Severity.allCases {
            let incident = IncidentState(status: status, severity: severity)
            for role in Role.allCases {
                let result = Lifecycle.edit(incident, from: facts, to: after, roles: [role])
                let allowed = PermissionMatrix.allows([role], .editIncident, severity: severity)
                switch result {
                case .success: #expect(allowed && !finished.contains(status), "\(role) \(status) \(severity)")
                case .failure(.forbidden): #expect(!allowed)
                case .failure(.incidentFinished(let at)): #expect(allowed && at == status && finished.contains(status))
                case .failure(let other): Issue.record("unexpected \(other)")
                }
            }
        }
    }

    @Test("an edit that changes nothing is refused") func unchanged() {
        #expect(
            Lifecycle.edit(IncidentState(status: .qualified), from: facts, to: facts, roles: [.incidentManager])
                == .failure(.unchanged))
    }
}

@Suite("Facts corrected by those it is handed to")
struct HandedFactsTests {
    @Test("an operator who owns a major incident corrects its facts; a mere reporter never does")
    func ownerOrMember() {
        let facts = IncidentFacts(title: "Panne", description: "Tout")
        var after = facts
        after.title = "Panne réseau"
        let major = IncidentState(status: .inTreatment, severity: .major)
        #expect(
            Lifecycle.edit(major, from: facts, to: after, roles: [.helpdeskOperator])
                == .failure(.forbidden(.editIncident)))
        #expect(
            (try? Lifecycle.edit(major, from: facts, to: after, roles: [.helpdeskOperator], handlesIt: true).get())
                != nil)
        #expect(
            Lifecycle.edit(major, from: facts, to: after, roles: [.reporter], handlesIt: true)
                == .failure(.forbidden(.editIncident)))
        #expect(
            Lifecycle.edit(
                IncidentState(status: .closed, severity: .major), from: facts, to: after, roles: [.helpdeskOperator],
                handlesIt: true) == .failure(.incidentFinished(.closed)))
    }
}

@Suite("The facts form offered")
struct FactsOfferTests {
    @Test("offered exactly when an edit would be accepted: the role's reach, or the incident handed to the reader")
    func offered() {
        let major = IncidentState(status: .inTreatment, severity: .major)
        #expect(!Lifecycle.mayEditFacts(major, roles: [.helpdeskOperator]))
        #expect(Lifecycle.mayEditFacts(major, roles: [.helpdeskOperator], handlesIt: true))
        #expect(Lifecycle.offer(major, clockPaused: false, roles: [.incidentManager]).editFacts)
        #expect(!Lifecycle.mayEditFacts(IncidentState(status: .closed, severity: .minor), roles: [.incidentManager]))
    }
}
