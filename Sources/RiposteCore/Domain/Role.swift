import Foundation

/// The functions of chapter III and of the continuity, crisis and recovery plans.
/// A person may hold several.
public enum Role: String, CaseIterable, Codable, Sendable {
    case reporter
    case helpdeskOperator = "helpdesk_operator"
    case helpdeskManager = "helpdesk_manager"
    case incidentManager = "incident_manager"
    case responseTeam = "response_team"
    case continuityManager = "continuity_manager"
    case crisisManager = "crisis_manager"
    case recoveryManager = "recovery_manager"
    /// The data protection officer or privacy contact (#17): told of every personal data breach
    /// and of the law's deadlines, and records what was sent to the authorities.
    case privacyOfficer = "privacy_officer"
    case admin

    /// Parses a comma-separated list such as `helpdesk_operator,response_team`.
    /// Returns the first unknown name when one is not a role.
    public static func parseList(_ text: String) -> Result<Set<Role>, UnknownRole> {
        var roles = Set<Role>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let role = Role(rawValue: name) else { return .failure(UnknownRole(name: name)) }
            roles.insert(role)
        }
        return .success(roles)
    }
}

public struct UnknownRole: Error, Equatable, Sendable {
    public let name: String
}
