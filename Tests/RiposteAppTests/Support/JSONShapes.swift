import Foundation
import Testing
import VaporTesting

/// The API's JSON as a client reads it: decoded independently of the server's DTOs,
/// so a renamed field breaks the tests.
struct IncidentJSON: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        let id: UUID
        let key: String
        let text: String
        let role: String?
        let origin: String
        let done: Bool
        let doneBy: UUID?
        let doneAt: Date?
    }

    let id: UUID
    let number: String
    let title: String
    let description: String
    let type: String?
    let severity: String?
    let status: String
    let stage: Int
    let channel: String
    let customersAffected: Bool
    let team: String?
    let reporterId: UUID
    let reportedAt: Date
    let detectedAt: Date?
    let qualifiedAt: Date?
    let resolvedAt: Date?
    let closedAt: Date?
    let version: Int
    let impactedActivityIds: [UUID]
    let ownerId: UUID?
    let impact: String?
    let resourcesAllocated: String?
    let plans: [Plan]
    let checklist: [Item]

    struct Plan: Decodable {
        let plan: String
        let involvement: String
        let since: Date
        let activeSince: Date?
        let closeAgreedAt: Date?
    }
}

struct IncidentSummaryJSON: Decodable, Sendable {
    let id: UUID
    let number: String
    let status: String
    let severity: String?
    let reportedAt: Date
}

struct PageJSON: Decodable, Sendable {
    let items: [IncidentSummaryJSON]
    let nextCursor: String?
}

struct JournalJSON: Decodable, Sendable {
    let id: UUID
    let sequence: Int
    let at: Date
    let authorId: UUID?
    let kind: String
    let text: String
    let details: [String: String]
    let previousHash: String
    let hash: String
}

struct JournalPageJSON: Decodable, Sendable {
    let items: [JournalJSON]
}

struct ErrorJSON: Decodable, Sendable {
    struct Detail: Decodable, Sendable {
        let code: String
        let message: String
        let field: String?
    }

    let error: Detail
}

extension TestingHTTPResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: text))
            }
            return date
        }
        return try decoder.decode(T.self, from: Data(body.readableBytesView))
    }

    func incident() throws -> IncidentJSON { try decode(IncidentJSON.self) }

    func apiError() throws -> ErrorJSON.Detail { try decode(ErrorJSON.self).error }
}

struct NotificationJSON: Decodable {
    let id: UUID
    let event: String
    let incidentId: UUID?
    let incidentNumber: String
    let subject: String
    let text: String
    let role: String
    let flow: Int?
    let readAt: Date?
    let needsAcknowledgement: Bool
    let acknowledgedAt: Date?
    let acknowledgedBy: UUID?
}

struct NotificationPageJSON: Decodable {
    let items: [NotificationJSON]
    let unreadCount: Int
}

struct DeliveryJSON: Decodable {
    struct Attempt: Decodable {
        let attempt: Int
        let outcome: String
        let error: String?
    }

    let id: UUID
    let event: String
    let channel: String
    let target: String
    let subject: String
    let state: String
    let attempts: Int
    let lastError: String?
    let deliveredAt: Date?
    let history: [Attempt]
}

struct DeliveryPageJSON: Decodable {
    let items: [DeliveryJSON]
}
