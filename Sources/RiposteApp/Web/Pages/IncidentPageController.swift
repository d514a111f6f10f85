import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/incidents/{number}`: the incident, where it stands among the six stages, its checklist,
/// its journal, and the forms of what the person may do now (and only those).
struct IncidentPageController {
    struct Page: Encodable {
        struct Incident: Encodable {
            let number: String
            let title: String
            let description: String
            let type: String
            let severity: String?
            let status: String
            let channel: String
            let customersAffected: Bool
            let team: String
            let reporter: String
            let reportedAt: String
            let detectedAt: String?
            let expectedRecoveryAt: String?
            let pausedSince: String?
            let impact: String
            let resourcesAllocated: String
            let version: Int
        }

        struct Stage: Encodable {
            let key: String
            let current: Bool
            let done: Bool
        }

        struct Item: Encodable {
            let id: UUID
            let text: String
            /// Who does it, when the organisation said so.
            let role: String
            let done: Bool
            let doneBy: String
            let doneAt: String
        }

        struct Entry: Encodable {
            let sequence: Int
            let at: String
            let kind: String
            let author: String
            let summary: String
            let text: String
        }

        struct Communication: Encodable {
            let at: String
            let direction: String
            let media: String
            let audience: String
            let recipients: String
            let summary: String
            let byRiposte: Bool
            /// A message sent from the incident: each recipient's e-mail and where it stands.
            let deliveries: [Delivery]
        }

        struct Delivery: Encodable {
            let to: String
            let state: String
            let at: String
        }

        struct Offer: Encodable {
            struct Move: Encodable {
                let status: String
                let needsReason: Bool
            }

            let qualify: Bool
            let requalify: Bool
            let transitions: [Move]
            let addAction: Bool
            let addNote: Bool
            let completeSteps: Bool
            let pauseClock: Bool
            let resumeClock: Bool
            let statusReport: Bool
            let escalate: Bool
            /// A minor incident past its resolution time, put to this person's judgement (#15
            /// point 5): re-qualifying it major is one button.
            let promoteToMajor: Bool
            /// A major incident past its time (§4.2.3 step 9): the warnings the reader may send
            /// now, each one button with the alert's words (#15 point 6).
            let overdueWarnings: [Warning]
            let activate: [String]
            let deactivate: [String]
            let agree: [String]
            let decline: [String]
            let warnings: [Warning]
            let communicate: Bool
            let nameParties: Bool
            let editFacts: Bool
            let assignOwner: Bool
            let manageMembers: Bool
        }

        let page: PageFrame
        let incident: Incident
        let stages: [Stage]
        let checklist: [Item]
        let journal: [Entry]
        let plans: [Plan]
        let alerts: [Alert]
        let communications: [Communication]
        let message: MessageForm?
        struct Involved: Encodable {
            let name: String
            let relation: String
        }

        struct PartyChoice: Encodable {
            let id: UUID
            let name: String
        }

        /// Clients and suppliers named on the incident, and those of the directory one may name.
        let involved: [Involved]
        let externalParties: [PartyChoice]
        let directions: [PageFrame.Option]
        let media: [PageFrame.Option]
        let offer: Offer
        let handling: Handling
        let severities: [PageFrame.Option]
        let form: FormState
        /// The organisation's incident types, offered when qualifying.
        let types: [String]
        let generatedAt: String
        let lastHash: String
        /// The reader handles incidents; a reporter sees the public side only (#13).
        let staff: Bool
        /// What the reader's roles withhold now and another role allows, with who holds it.
        let withheld: [Withheld]
        /// Open when the reader can move the incident no further themself.
        let withheldOpen: Bool
        /// The law's deadlines still open on the incident (#17), for its handlers.
        let legal: [DashboardController.Deadline]
        let legalAssessed: Bool
        /// A drill (#20): its report is offered beside the print.
        let exercise: Bool
        /// The organisation's criteria of each severity (§4.2 "critères prédéterminés"), beside
        /// the qualification form: HTML made by `PlanMarkdown`, every value escaped.
        let criteria: [Criterion]
        /// The scenario playbooks to choose from when qualifying (#20 point 2), the one its type
        /// proposes selected.
        let playbooks: [PlaybookChoice]
        /// Who reported it from outside and what was published for them (#18 point 1).
        let outside: Outside?
        /// The monitoring alerts that filed it, with how many times each came (#18 point 2).
        let monitored: [Monitored]
    }

    struct Criterion: Encodable {
        let severity: String
        let html: String
    }

    struct PlaybookChoice: Encodable {
        let id: String
        let name: String
        let selected: Bool
        let proposed: Bool
    }

    /// Every playbook, the one chosen in a refused form or else, at the first qualification,
    /// the one the incident's type proposes selected: a re-qualification follows none unless
    /// someone chooses one, so that changing the severity never brings a playbook's steps twice.
    static func playbookChoices(
        type: String?, chosen: String?, firstQualification: Bool, _ req: Request
    ) async throws -> [PlaybookChoice] {
        let playbooks = try await PlaybookStore.names(on: req.db.sql())
        let proposed = Playbook.proposed(for: type, among: playbooks)?.id.uuidString.lowercased()
        let selected = chosen ?? (firstQualification ? proposed : nil)
        return playbooks.map {
            let id = $0.id.uuidString.lowercased()
            return PlaybookChoice(id: id, name: $0.name, selected: id == selected, proposed: id == proposed)
        }
    }

    /// The criteria the organisation wrote, severity by severity, those written only.
    static func criteria(_ req: Request) async throws -> [Criterion] {
        let sections = try await PlanStore.sections(on: req.db.sql())
        return Severity.allCases.compactMap { severity in
            sections[PlanSection.criteria(of: severity)].map {
                Criterion(severity: severity.rawValue, html: PlanMarkdown.html($0, topLevel: 4, links: true))
            }
        }
    }

    struct Withheld: Encodable {
        let action: String
        let roles: String
        /// Who holds one of those roles, by name; nil when nobody does.
        let holders: String?
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, try await find(req), form: FormState())
    }

    func print(_ req: Request) async throws -> Response {
        try await render(req, try await find(req), form: FormState(), template: "print")
    }

    func find(_ req: Request) async throws -> IncidentRow {
        try await req.actions.find(try number(req))
    }

    func number(_ req: Request) throws -> String {
        guard let number = req.parameter(.number), IncidentNumber(number) != nil else {
            throw Refusal.notFound(.incident)
        }
        return number
    }

    /// The page, with a form's state (after a refusal) and the status to answer with.
    func render(
        _ req: Request, _ incident: IncidentRow, form: FormState, alert: String? = nil, status: HTTPStatus = .ok,
        template: String = "incident"
    ) async throws -> Response {
        let user = try req.actingPerson
        // A reporter sees their report, its status and the messages sent to them (#13): not the
        // checklist, plans, clock, team, parties, handlers' notes or names.
        let staff = try req.actions.isHandler
        let state = incident.state
        let offer = Lifecycle.offer(state, clockPaused: incident.slaPausedSince != nil, roles: user.roles)
        // The alerts and who was told of them come from the fanned-out outbox (the frame settles
        // it too, for the unread count, once per request).
        if staff { try await req.settleOutbox() }
        let data = try await IncidentPageData.load(
            incident, viewer: user, staff: staff, nameParties: offer.nameParties,
            designates: offer.assignOwner || offer.manageMembers, on: try req.db.sql())
        let names = data.surroundings.names
        func author(_ id: UUID?) -> String {
            guard let id else { return req.t("journal.system") }
            if !staff && id != user.id { return req.t("journal.team") }
            return names[id] ?? req.t("journal.system")
        }
        var form = form
        if form.values["type"] == nil { form.values["type"] = incident.type ?? "" }
        if form.values["team"] == nil { form.values["team"] = incident.team ?? "" }
        if form.formName != "facts" {
            form.values["title"] = incident.title
            form.values["description"] = incident.description
            form.values["impact"] = incident.impact ?? ""
            form.values["resourcesAllocated"] = incident.resourcesAllocated ?? ""
        }
        if form.values["expectedRecoveryAt"] == nil {
            form.values["expectedRecoveryAt"] = req.localInput(incident.expectedRecoveryAt)
        }
        let activityNames = Dictionary(
            (data.surroundings.activities + data.surroundings.impacted).map { ($0.id, $0.name) },
            uniquingKeysWith: { first, _ in first })
        let handlesIt = incident.ownerId == user.id || data.surroundings.members.contains { $0.id == user.id }
        let chosenSeverity = form.values["severity"].flatMap(Severity.init) ?? state.severity ?? .minor
        let withheld =
            staff
            ? try await Self.withheld(state, clockPaused: incident.slaPausedSince != nil, roles: user.roles, req) : []
        let legal = staff ? try await IncidentActions.openDeadlines(of: incident, on: req.db.sql()) : nil
        let page = Page(
            page: try await req.frame("incident.title", incident.number, alert: alert),
            incident: Page.Incident(
                number: incident.number, title: incident.title, description: incident.description,
                type: incident.type ?? "", severity: incident.severity, status: incident.status,
                channel: incident.channel, customersAffected: incident.customersAffected,
                team: staff ? incident.team ?? "" : "",
                reporter: names[incident.reporterId] ?? "", reportedAt: req.display(incident.reportedAt),
                detectedAt: incident.detectedAt.map(req.display),
                expectedRecoveryAt: incident.expectedRecoveryAt.map(req.display),
                pausedSince: staff ? incident.slaPausedSince.map(req.display) : nil,
                impact: staff ? incident.impact ?? "" : "",
                resourcesAllocated: staff ? incident.resourcesAllocated ?? "" : "", version: incident.version),
            stages: PlanStage.allCases.map {
                Page.Stage(key: $0.key, current: $0 == state.status.stage, done: $0 < state.status.stage)
            },
            checklist: data.checklist.map { item in
                Page.Item(
                    id: item.id, text: item.step.words(in: req.pageLanguage, wording: req.application.catalogue),
                    role: item.step.role.map { req.t(NotificationText.roleKey($0)) } ?? "", done: item.doneAt != nil,
                    doneBy: item.doneBy.flatMap { names[$0] } ?? "", doneAt: req.display(item.doneAt))
            },
            journal: data.entries(staff: staff).map { entry in
                Page.Entry(
                    sequence: entry.sequence, at: req.display(entry.at), kind: entry.kind,
                    author: author(entry.authorId),
                    summary: JournalSummary.text(entry, req, activities: activityNames), text: entry.text)
            },
            plans: staff ? Self.plans(state.plans, journal: data.chain, names: names, req) : [],
            alerts: Self.alerts(data.alerts, req),
            communications: data.communications.map {
                Page.Communication(
                    at: req.display($0.at), direction: $0.direction.rawValue, media: $0.media.rawValue,
                    audience: $0.audience, recipients: $0.recipients, summary: $0.summary,
                    byRiposte: $0.source == "riposte",
                    deliveries: ($0.deliveries ?? []).map {
                        Page.Delivery(to: $0.to, state: $0.state.rawValue, at: req.display($0.deliveredAt))
                    })
            },
            message: staff ? try await messageForm(req, incident, handlesIt: handlesIt, form: form) : nil,
            involved: data.surroundings.involved.map {
                Page.Involved(name: $0.name, relation: $0.relation.rawValue)
            },
            externalParties: data.surroundings.directory.map { Page.PartyChoice(id: $0.id, name: $0.name) },
            directions: req.options(
                CommunicationDirection.allCases,
                selected: CommunicationDirection(rawValue: form.values["direction"] ?? "") ?? .internal),
            media: req.options(
                CommunicationMedia.allCases,
                selected: CommunicationMedia(rawValue: form.values["media"] ?? "") ?? .email),
            offer: Page.Offer(
                qualify: offer.qualify, requalify: offer.requalify,
                transitions: offer.transitions.map { .init(status: $0.status.rawValue, needsReason: $0.needsReason) },
                addAction: offer.addAction, addNote: offer.addNote, completeSteps: offer.completeSteps,
                pauseClock: offer.pauseClock, resumeClock: offer.resumeClock, statusReport: offer.statusReport,
                escalate: offer.escalate,
                promoteToMajor: state.severity == .minor && offer.severities.contains(.major)
                    && incident.escalated.contains(Escalation.minorDeadlineKey),
                overdueWarnings: state.severity == .major
                    && incident.escalated.contains(Escalation.Kind.majorOverdue.rawValue)
                    ? Self.warnings(offer.warnings, req) : [],
                activate: offer.activatePlans.map(\.rawValue), deactivate: offer.deactivatePlans.map(\.rawValue),
                agree: offer.agreeToClose.map(\.rawValue), decline: offer.declinePlans.map(\.rawValue),
                warnings: Self.warnings(offer.warnings, req),
                communicate: offer.recordCommunication, nameParties: offer.nameParties,
                // Its owner and its team's members correct the facts whatever their role's reach.
                editFacts: Lifecycle.mayEditFacts(state, roles: user.roles, handlesIt: handlesIt),
                assignOwner: offer.assignOwner, manageMembers: offer.manageMembers),
            handling: staff
                ? Self.handling(incident, data.surroundings, sla: try await req.settings.sla(), req)
                : Handling(owner: "", members: [], deadlines: [], handlers: [], activities: [], impacted: []),
            severities: req.options(offer.severities, selected: chosenSeverity), form: form,
            types: data.surroundings.types,
            generatedAt: req.display(req.now), lastHash: staff ? data.chain.last?.hash ?? "" : "", staff: staff,
            withheld: withheld,
            withheldOpen: !offer.qualify && !offer.requalify && offer.transitions.isEmpty,
            legal: (legal?.open ?? []).map {
                DashboardController.Deadline($0, number: incident.number, title: incident.title, req)
            }, legalAssessed: legal?.assessed ?? false, exercise: incident.exercise != nil,
            criteria: offer.qualify || offer.requalify ? try await Self.criteria(req) : [],
            playbooks: offer.qualify || offer.requalify
                ? try await Self.playbookChoices(
                    type: incident.type, chosen: form.values["playbookId"], firstQualification: offer.qualify, req)
                : [],
            outside: staff ? try await Self.outside(incident, roles: user.roles, handlesIt: handlesIt, req) : nil,
            monitored: staff ? try await Self.monitored(incident, req) : []
        )
        let response = try await req.view.render(template, page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
