import FluentKit
import FluentSQL
import Foundation

/// An essential business activity of the BCP, with its Recovery Time Objective.
package final class EssentialActivityModel: Model, @unchecked Sendable {
    package static let schema = "essential_activities"

    @ID(key: .id) package var id: UUID?
    @Field(key: "name") package var name: String
    @Field(key: "rto_seconds") package var rtoSeconds: Int

    package init() {}

    package init(id: UUID? = nil, name: String, rtoSeconds: Int) {
        self.id = id
        self.name = name
        self.rtoSeconds = rtoSeconds
    }
}
