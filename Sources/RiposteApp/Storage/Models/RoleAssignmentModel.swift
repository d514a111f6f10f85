import Fluent
import Foundation

final class RoleAssignmentModel: Model, @unchecked Sendable {
    static let schema = "role_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "role") var role: String

    init() {}

    init(userID: UUID, role: String) {
        self.$user.id = userID
        self.role = role
    }
}
