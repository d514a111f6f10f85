import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// An incident as the API speaks it: the register line (`IncidentSummaryDTO`) and, in the
/// same JSON object, what only the whole incident carries. Built from rows, never models.
struct IncidentDTO: Content {
    let summary: IncidentSummaryDTO
    let qualifiedAt: Date?
    let resolvedAt: Date?
    let closedAt: Date?
    let slaPausedSince: Date?
    let slaPausedSeconds: Int
    let expectedRecoveryAt: Date?
    let lastStatusReportAt: Date?
    let impactedActivityIds: [UUID]
    /// The employee designated to handle it, and the rest of the detailed description (#16).
    let ownerId: UUID?
    let impact: String?
    let resourcesAllocated: String?
    let plans: [PlanDTO]
    let checklist: [ChecklistItemDTO]
    /// For an exercise: the outside channels it may use (none unless named when it was filed).
    var exerciseChannels: [ExerciseChannel]? = nil

    var id: UUID { summary.id }
    var version: Int { summary.version }

    enum CodingKeys: String, CodingKey {
        case qualifiedAt, resolvedAt, closedAt, slaPausedSince, slaPausedSeconds, expectedRecoveryAt
        case lastStatusReportAt, impactedActivityIds, ownerId, impact, resourcesAllocated, plans, checklist
        case exerciseChannels
    }

    init(
        summary: IncidentSummaryDTO, qualifiedAt: Date?, resolvedAt: Date?, closedAt: Date?, slaPausedSince: Date?,
        slaPausedSeconds: Int, expectedRecoveryAt: Date?, lastStatusReportAt: Date?, impactedActivityIds: [UUID],
        ownerId: UUID?, impact: String?, resourcesAllocated: String?, plans: [PlanDTO], checklist: [ChecklistItemDTO],
        exerciseChannels: [ExerciseChannel]? = nil
    ) {
        self.exerciseChannels = exerciseChannels
        self.summary = summary
        (self.qualifiedAt, self.resolvedAt, self.closedAt) = (qualifiedAt, resolvedAt, closedAt)
        (self.slaPausedSince, self.slaPausedSeconds) = (slaPausedSince, slaPausedSeconds)
        (self.expectedRecoveryAt, self.lastStatusReportAt) = (expectedRecoveryAt, lastStatusReportAt)
        (self.impactedActivityIds, self.plans, self.checklist) = (impactedActivityIds, plans, checklist)
        (self.ownerId, self.impact, self.resourcesAllocated) = (ownerId, impact, resourcesAllocated)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            summary: try IncidentSummaryDTO(from: decoder),
            qualifiedAt: try container.decodeIfPresent(Date.self, forKey: .qualifiedAt),
            resolvedAt: try container.decodeIfPresent(Date.self, forKey: .resolvedAt),
            closedAt: try container.decodeIfPresent(Date.self, forKey: .closedAt),
            slaPausedSince: try container.decodeIfPresent(Date.self, forKey: .slaPausedSince),
            slaPausedSeconds: try container.decode(Int.self, forKey: .slaPausedSeconds),
            expectedRecoveryAt: try container.decodeIfPresent(Date.self, forKey: .expectedRecoveryAt),
            lastStatusReportAt: try container.decodeIfPresent(Date.self, forKey: .lastStatusReportAt),
            impactedActivityIds: try container.decode([UUID].self, forKey: .impactedActivityIds),
            ownerId: try container.decodeIfPresent(UUID.self, forKey: .ownerId),
            impact: try container.decodeIfPresent(String.self, forKey: .impact),
            resourcesAllocated: try container.decodeIfPresent(String.self, forKey: .resourcesAllocated),
            plans: try container.decode([PlanDTO].self, forKey: .plans),
            checklist: try container.decode([ChecklistItemDTO].self, forKey: .checklist))
        exerciseChannels = try container.decodeIfPresent([ExerciseChannel].self, forKey: .exerciseChannels)
    }

    /// One flat object: the summary's keys, then these.
    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(qualifiedAt, forKey: .qualifiedAt)
        try container.encodeIfPresent(resolvedAt, forKey: .resolvedAt)
        try container.encodeIfPresent(closedAt, forKey: .closedAt)
        try container.encodeIfPresent(slaPausedSince, forKey: .slaPausedSince)
        try container.encode(slaPausedSeconds, forKey: .slaPausedSeconds)
        try container.encodeIfPresent(expectedRecoveryAt, forKey: .expectedRecoveryAt)
        try container.encodeIfPresent(lastStatusReportAt, forKey: .lastStatusReportAt)
        try container.encode(impactedActivityIds, forKey: .impactedActivityIds)
        try container.encodeIfPresent(ownerId, forKey: .ownerId)
        try container.encodeIfPresent(impact, forKey: .impact)
        try container.encodeIfPresent(resourcesAllocated, forKey: .resourcesAllocated)
        try container.encode(plans, forKey: .plans)
        try container.encode(checklist, forKey: .checklist)
        try container.encodeIfPresent(exerciseChannels, forKey: .exerciseChannels)
    }
}

/// A plan brought into the incident (#15 point 3): warned, invoked, active, declined or stood
/// down, since when; the IRP appears once the incident manager deactivated it.
struct PlanDTO: Content {
    let plan: ResponsePlan
    let involvement: PlanInvolvement
    let since: Date
    /// Set while the plan is active.
    let activeSince: Date?
    /// When the plan's manager agreed to close the incident (BCP and CMP, §4.5).
    let closeAgreedAt: Date?
}

struct ChecklistItemDTO: Content {
    let id: UUID
    let key: String
    /// The severity whose procedure the step belongs to; nil for a playbook's.
    let severity: Severity?
    /// Its number in its procedure or playbook, as the incident holds them.
    let step: Int
    let text: String
    let role: Role?
    /// `template`, `organisation` (a step the organisation wrote) or `playbook`.
    let origin: String
    let done: Bool
    let doneBy: UUID?
    let doneAt: Date?

    /// An incident's checklist in the reader's language, each step numbered within its group.
    static func items(_ rows: [ChecklistRow], language: Language, wording: some Wording) -> [ChecklistItemDTO] {
        var numbers: [String: Int] = [:]
        return rows.map { row in
            let step = row.step
            let group = step.severity?.rawValue ?? ""
            numbers[group, default: 0] += 1
            let origin =
                ChecklistStep.isPlaybookKey(step.key) ? "playbook" : step.text == nil ? "template" : "organisation"
            return ChecklistItemDTO(
                id: row.id, key: step.key, severity: step.severity, step: numbers[group]!,
                text: step.words(in: language, wording: wording), role: step.role, origin: origin,
                done: row.doneAt != nil, doneBy: row.doneBy, doneAt: row.doneAt)
        }
    }
}

/// A line of the register list: the incident without its checklist.
struct IncidentSummaryDTO: Content {
    let id: UUID
    let number: String
    let title: String
    let description: String
    let type: String?
    let severity: Severity?
    let status: IncidentStatus
    let stage: Int
    let channel: ReportChannel
    let customersAffected: Bool
    let team: String?
    let reporterId: UUID
    let reportedAt: Date
    let detectedAt: Date?
    let updatedAt: Date
    let version: Int
    /// A drill (#20): numbered `EX-…`, left out of the register's default view and figures.
    let exercise: Bool
}

struct IncidentPageDTO: Content {
    let items: [IncidentSummaryDTO]
    let nextCursor: String?
}

struct JournalEntryDTO: Content {
    let id: UUID
    let sequence: Int
    let at: Date
    var authorId: UUID?
    let kind: String
    let text: String
    var details: [String: String]
    let previousHash: String
    let hash: String

    init(_ row: JournalRow) {
        id = row.id
        sequence = row.sequence
        at = row.at
        authorId = row.authorId
        kind = row.kind
        text = row.text
        details = (try? JSONDecoder().decode([String: String].self, from: Data(row.details.utf8))) ?? [:]
        previousHash = row.previousHash
        hash = row.hash
    }
}

extension JournalEntryDTO {
    /// An entry as the reporter sees it: who else wrote it and what it names stay inside.
    init(publicSideOf row: JournalRow, reporter: UUID) {
        self.init(row)
        if authorId != reporter { authorId = nil }
        details = details.filter { $0.key == "from" || $0.key == "to" }
    }
}

extension IncidentDTO {
    /// The incident as the person who reported it sees it: its register line, dates and the
    /// activities named in the report, not its checklist, plans, SLA clock, status reports,
    /// owner or the handlers' assessment of impact and resources.
    var publicSide: IncidentDTO {
        IncidentDTO(
            summary: summary, qualifiedAt: qualifiedAt, resolvedAt: resolvedAt, closedAt: closedAt,
            slaPausedSince: nil, slaPausedSeconds: 0, expectedRecoveryAt: expectedRecoveryAt, lastStatusReportAt: nil,
            impactedActivityIds: impactedActivityIds, ownerId: nil, impact: nil, resourcesAllocated: nil, plans: [],
            checklist: [], exerciseChannels: exerciseChannels)
    }
}

struct JournalPageDTO: Content {
    let items: [JournalEntryDTO]
}
