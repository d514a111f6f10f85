import Fluent
import Foundation
import RiposteCore

/// A row of the register (§4.2 "Enregistrement des incidents").
/// Severity, status and channel are stored as their raw strings: portable across engines.
final class IncidentModel: Model, @unchecked Sendable {
    static let schema = "incidents"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "title") var title: String
    @Field(key: "description") var detailedDescription: String
    @OptionalField(key: "type") var type: String?
    @OptionalField(key: "severity") var severity: String?
    @Field(key: "status") var status: String
    @Field(key: "channel") var channel: String
    @Field(key: "customers_affected") var customersAffected: Bool
    @OptionalField(key: "team") var team: String?
    @Parent(key: "reporter_id") var reporter: UserModel
    @Field(key: "reported_at") var reportedAt: Date
    @OptionalField(key: "detected_at") var detectedAt: Date?
    @OptionalField(key: "qualified_at") var qualifiedAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date
    /// Bumped by every change; the API's ETag.
    @Field(key: "version") var version: Int
    /// Folded number, title and description (see `SearchText`).
    @Field(key: "search_text") var searchText: String

    init() {}

    var state: IncidentState {
        IncidentState(
            status: IncidentStatus(rawValue: status) ?? .reported,
            severity: severity.flatMap(Severity.init(rawValue:)),
            type: type)
    }

    func refreshSearchText() {
        searchText = SearchText.document(number: number, title: title, description: detailedDescription)
    }
}
