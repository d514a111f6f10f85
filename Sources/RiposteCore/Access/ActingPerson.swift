import Foundation

/// The person acting, with the roles that decide what they may do, whichever door they came
/// through: a page session, an API token, or a command naming them.
public struct ActingPerson: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let roles: Set<Role>

    public init(id: UUID, name: String, roles: Set<Role>) {
        self.id = id
        self.name = name
        self.roles = roles
    }

    public func can(_ action: Permission, severity: Severity? = nil) -> Bool {
        PermissionMatrix.allows(roles, action, severity: severity)
    }
}
