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
    /// Time to acknowledge an alert before it goes to the backup, then the administrators
    /// (major and crisis; set or the severity's default).
    let acknowledge: String?

    init(_ targets: SeverityTargets, acknowledge: ISODuration?) {
        qualify = targets.qualify.description
        resolve = targets.resolve.description
        statusReport = targets.statusReport?.description
        promoteAtDeadline = targets.promoteAtDeadline
        self.acknowledge = acknowledge?.description
    }
}

/// `GET /settings/sla`: every severity, in order.
struct SLASettingsDTO: Content {
    let low: SeverityTargetsDTO
    let minor: SeverityTargetsDTO
    let major: SeverityTargetsDTO
    let crisis: SeverityTargetsDTO

    init(_ settings: SLASettings) {
        func dto(_ severity: Severity) -> SeverityTargetsDTO {
            SeverityTargetsDTO(
                settings.targets(for: severity),
                acknowledge: severity >= .major ? settings.acknowledgeDelay(for: severity) : nil)
        }
        (low, minor, major, crisis) = (dto(.low), dto(.minor), dto(.major), dto(.crisis))
    }
}

struct SeverityTargetsBody: Decodable {
    let qualify: String
    let resolve: String
    let statusReport: String?
    let promoteAtDeadline: Bool?
    let acknowledge: String?
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
