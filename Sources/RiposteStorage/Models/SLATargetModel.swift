import FluentKit
import FluentSQL
import Foundation

/// One severity's SLA targets; a severity without a row uses `SLASettings.defaults`.
package final class SLATargetModel: Model, @unchecked Sendable {
    package static let schema = "sla_targets"

    @ID(key: .id) package var id: UUID?
    @Field(key: "severity") package var severity: String
    @Field(key: "qualify_seconds") package var qualifySeconds: Int
    @Field(key: "resolve_seconds") package var resolveSeconds: Int
    @OptionalField(key: "status_report_seconds") package var statusReportSeconds: Int?
    @OptionalField(key: "promote_at_deadline") package var promoteAtDeadline: Bool?
    @OptionalField(key: "acknowledge_seconds") package var acknowledgeSeconds: Int?

    package init() {}
}
