import Fluent
import Foundation

final class ImpactedActivityModel: Model, @unchecked Sendable {
    static let schema = "impacted_activities"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Parent(key: "activity_id") var activity: EssentialActivityModel

    init() {}

    init(incidentID: UUID, activityID: UUID) {
        self.incidentID = incidentID
        self.$activity.id = activityID
    }
}
