/// The roles the first administrator takes at setup (#19 point 3). In a small company the
/// director often holds most of the plan's roles: holding them all is one choice, so the first
/// incident can be qualified and treated at once; the administrator role is always kept.
public enum SetupRoles: String, CaseIterable, Sendable {
    /// Every role of the plan.
    case all
    /// Administration only: others will handle incidents.
    case admin
    /// Those ticked.
    case chosen

    /// The roles for this choice; an unknown choice or an unknown ticked role is refused.
    public static func roles(choice raw: String?, ticked: [String]) throws(FieldError) -> Set<Role> {
        guard let choice = raw.map({ SetupRoles(rawValue: $0) }) else { return [.admin] }
        switch choice {
        case .all?: return Set(Role.allCases)
        case .admin?: return [.admin]
        case .chosen?:
            var roles: Set<Role> = [.admin]
            for code in ticked {
                guard let role = Role(rawValue: code) else { throw FieldError(field: "roles", problem: .invalid) }
                roles.insert(role)
            }
            return roles
        case nil: throw FieldError(field: "roles", problem: .invalid)
        }
    }
}
