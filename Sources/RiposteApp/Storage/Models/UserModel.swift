import Fluent
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Stored lowercased: e-mail addresses are compared without case.
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "language") var language: String?
    @Field(key: "created_at") var createdAt: Date
    @Children(for: \.$user) var roles: [RoleAssignmentModel]

    init() {}

    init(id: UUID? = nil, email: String, name: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.email = email.lowercased()
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
