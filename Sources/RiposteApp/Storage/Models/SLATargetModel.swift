import Fluent
import Foundation

/// One severity's SLA targets; a severity without a row uses `SLASettings.defaults`.
final class SLATargetModel: Model, @unchecked Sendable {
    static let schema = "sla_targets"

    @ID(key: .id) var id: UUID?
    @Field(key: "severity") var severity: String
    @Field(key: "qualify_seconds") var qualifySeconds: Int
    @Field(key: "resolve_seconds") var resolveSeconds: Int
    @OptionalField(key: "status_report_seconds") var statusReportSeconds: Int?

    init() {}
}
