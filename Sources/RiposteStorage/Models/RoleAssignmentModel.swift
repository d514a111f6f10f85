import FluentKit
import FluentSQL
import Foundation

package final class RoleAssignmentModel: Model, @unchecked Sendable {
    package static let schema = "role_assignments"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: UserModel
    @Field(key: "role") package var role: String

    package init() {}

    package init(userID: UUID, role: String) {
        self.$user.id = userID
        self.role = role
    }
}
