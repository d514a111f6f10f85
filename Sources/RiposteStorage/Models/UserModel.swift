import FluentKit
import FluentSQL
import Foundation

package final class UserModel: Model, @unchecked Sendable {
    package static let schema = "users"

    @ID(key: .id) package var id: UUID?
    /// Stored lowercased: e-mail addresses are compared without case.
    @Field(key: "email") package var email: String
    @Field(key: "name") package var name: String
    @Field(key: "password_hash") package var passwordHash: String
    @OptionalField(key: "language") package var language: String?
    @Field(key: "created_at") package var createdAt: Date
    @Children(for: \.$user) package var roles: [RoleAssignmentModel]

    package init() {}

    package init(id: UUID? = nil, email: String, name: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.email = email.lowercased()
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
