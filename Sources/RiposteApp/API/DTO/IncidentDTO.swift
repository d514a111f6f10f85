import Foundation
import RiposteCore
import Vapor

/// An incident as the API speaks it. Built from the models, never the models themselves.
struct IncidentDTO: Content {
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
    let qualifiedAt: Date?
    let resolvedAt: Date?
    let closedAt: Date?
    let updatedAt: Date
    let version: Int
    let slaPausedSince: Date?
    let slaPausedSeconds: Int
    let expectedRecoveryAt: Date?
    let lastStatusReportAt: Date?
    let impactedActivityIds: [UUID]
    let checklist: [ChecklistItemDTO]
}

struct ChecklistItemDTO: Content {
    let id: UUID
    let key: String
    let severity: Severity
    let step: Int
    let text: String
    let done: Bool
    let doneBy: UUID?
    let doneAt: Date?
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
}

struct IncidentPageDTO: Content {
    let items: [IncidentSummaryDTO]
    let nextCursor: String?
}

struct JournalEntryDTO: Content {
    let id: UUID
    let sequence: Int
    let at: Date
    let authorId: UUID?
    let kind: String
    let text: String
    let details: [String: String]
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

struct JournalPageDTO: Content {
    let items: [JournalEntryDTO]
}
