import FluentKit
import FluentSQL
import Foundation

package final class ImpactedActivityModel: Model, @unchecked Sendable {
    package static let schema = "impacted_activities"

    @ID(key: .id) package var id: UUID?
    @Field(key: "incident_id") package var incidentID: UUID
    @Parent(key: "activity_id") package var activity: EssentialActivityModel

    package init() {}

    package init(incidentID: UUID, activityID: UUID) {
        self.incidentID = incidentID
        self.$activity.id = activityID
    }
}
