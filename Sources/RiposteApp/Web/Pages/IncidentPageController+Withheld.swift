import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// Wherever a person cannot act on an incident because of their roles, the page says which
/// roles would allow it and who holds them (#19 point 3): "Qualifier — helpdesk operator,
/// incident manager; held by Marie Dupont", or that nobody does yet.
extension IncidentPageController {
    static func withheld(
        _ state: IncidentState, clockPaused: Bool, roles: Set<Role>, _ req: Request
    ) async throws -> [Withheld] {
        let lines = Lifecycle.withheld(state, clockPaused: clockPaused, roles: roles)
        guard !lines.isEmpty else { return [] }
        let holders = try await PlanStore.holders(on: req.db.sql())
        return lines.map { line in
            let names = Set(line.roles.flatMap { holders[$0] ?? [] }).sorted()
            return Withheld(
                action: label(line.action, req),
                roles: line.roles.map { req.t("role.\($0.rawValue)") }.joined(separator: ", "),
                holders: names.isEmpty ? nil : names.joined(separator: ", "))
        }
    }

    /// The words of the button the action would be, where there is one.
    static func label(_ action: String, _ req: Request) -> String {
        let parts = action.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return req.t("withheld.action.\(action)") }
        switch parts[0] {
        case "move": return req.t("move.\(parts[1])")
        case "activate": return req.t("plan.activate.\(parts[1])")
        case "deactivate": return req.t("plan.deactivate.\(parts[1])")
        case "decline": return req.t("plan.decline.\(parts[1])")
        default: return req.t("plan.agree.\(parts[1])")
        }
    }
}
