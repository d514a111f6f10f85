import Foundation
import RiposteCore
import Vapor

/// One severity's targets in the API: ISO 8601 durations.
struct SeverityTargetsDTO: Content {
    let qualify: String
    let resolve: String
    let statusReport: String?
    /// Minor only: the incident becomes major by itself at its resolution deadline.
    let promoteAtDeadline: Bool

    init(_ targets: SeverityTargets) {
        qualify = targets.qualify.description
        resolve = targets.resolve.description
        statusReport = targets.statusReport?.description
        promoteAtDeadline = targets.promoteAtDeadline
    }
}

/// `GET /settings/sla`: every severity, in order.
struct SLASettingsDTO: Content {
    let low: SeverityTargetsDTO
    let minor: SeverityTargetsDTO
    let major: SeverityTargetsDTO
    let crisis: SeverityTargetsDTO

    init(_ settings: SLASettings) {
        low = SeverityTargetsDTO(settings.targets(for: .low))
        minor = SeverityTargetsDTO(settings.targets(for: .minor))
        major = SeverityTargetsDTO(settings.targets(for: .major))
        crisis = SeverityTargetsDTO(settings.targets(for: .crisis))
    }
}

struct SeverityTargetsBody: Decodable {
    let qualify: String
    let resolve: String
    let statusReport: String?
    let promoteAtDeadline: Bool?
}

struct ActivityDTO: Content {
    let id: UUID
    let name: String
    let rto: String
}

struct ActivityPageDTO: Content {
    let items: [ActivityDTO]
}

struct NewActivityBody: Decodable {
    let name: String
    let rto: String
}
