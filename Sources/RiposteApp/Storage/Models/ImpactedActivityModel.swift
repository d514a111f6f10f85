import Fluent
import Foundation

final class ImpactedActivityModel: Model, @unchecked Sendable {
    static let schema = "impacted_activities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "incident_id") var incident: IncidentModel
    @Parent(key: "activity_id") var activity: EssentialActivityModel

    init() {}

    init(incidentID: UUID, activityID: UUID) {
        self.$incident.id = incidentID
        self.$activity.id = activityID
    }
}
