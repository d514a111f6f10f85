import FluentKit
import FluentSQL
import Foundation
import RiposteCore

/// One step of an incident's checklist; ticked once, by a named person at a time.
package final class ChecklistItemModel: Model, @unchecked Sendable {
    package static let schema = "checklist_items"

    @ID(key: .id) package var id: UUID?
    @Field(key: "incident_id") package var incidentID: UUID
    @Field(key: "step_key") package var stepKey: String
    /// Display order: severity rank, then step number; a playbook's steps after them.
    @Field(key: "position") package var position: Int
    /// The organisation's words and role, as the incident was given them; nil words: the template's.
    @OptionalField(key: "text") package var text: String?
    @OptionalField(key: "role") package var role: String?
    @OptionalParent(key: "done_by") package var doneBy: UserModel?
    @OptionalField(key: "done_at") package var doneAt: Date?

    package init() {}

    package init(incidentID: UUID, step: ChecklistStep, position: Int) {
        self.incidentID = incidentID
        self.stepKey = step.key
        self.text = step.text
        self.role = step.role?.rawValue
        self.position = position
    }

    package var isDone: Bool { doneAt != nil }
}
