import Fluent
import Foundation

/// One step of an incident's checklist; ticked once, by a named person at a time.
final class ChecklistItemModel: Model, @unchecked Sendable {
    static let schema = "checklist_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "step_key") var stepKey: String
    /// Display order: severity rank, then step number.
    @Field(key: "position") var position: Int
    @OptionalParent(key: "done_by") var doneBy: UserModel?
    @OptionalField(key: "done_at") var doneAt: Date?

    init() {}

    init(incidentID: UUID, stepKey: String, position: Int) {
        self.incidentID = incidentID
        self.stepKey = stepKey
        self.position = position
    }

    var isDone: Bool { doneAt != nil }
}
