import Foundation
import RiposteCore

/// The person acting, with the roles that decide what they may do, whichever door they came
/// through: a page session, an API token, or a command naming them.
struct ActingPerson: Sendable {
    let id: UUID
    let name: String
    let roles: Set<Role>

    func can(_ action: Action, severity: Severity? = nil) -> Bool {
        PermissionMatrix.allows(roles, action, severity: severity)
    }
}
