import FluentKit
import FluentSQL
import Foundation

/// One step of an incident's checklist; ticked once, by a named person at a time.
package final class ChecklistItemModel: Model, @unchecked Sendable {
    package static let schema = "checklist_items"

    @ID(key: .id) package var id: UUID?
    @Field(key: "incident_id") package var incidentID: UUID
    @Field(key: "step_key") package var stepKey: String
    /// Display order: severity rank, then step number.
    @Field(key: "position") package var position: Int
    @OptionalParent(key: "done_by") package var doneBy: UserModel?
    @OptionalField(key: "done_at") package var doneAt: Date?

    package init() {}

    package init(incidentID: UUID, stepKey: String, position: Int) {
        self.incidentID = incidentID
        self.stepKey = stepKey
        self.position = position
    }

    package var isDone: Bool { doneAt != nil }
}
