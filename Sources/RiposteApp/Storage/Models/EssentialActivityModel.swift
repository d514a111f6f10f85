import Fluent
import Foundation

/// An essential business activity of the BCP, with its Recovery Time Objective.
final class EssentialActivityModel: Model, @unchecked Sendable {
    static let schema = "essential_activities"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "rto_seconds") var rtoSeconds: Int

    init() {}

    init(id: UUID? = nil, name: String, rtoSeconds: Int) {
        self.id = id
        self.name = name
        self.rtoSeconds = rtoSeconds
    }
}
