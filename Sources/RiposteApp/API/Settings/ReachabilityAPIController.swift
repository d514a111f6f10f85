import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/me/availability` and `/api/v1/me/notification-preferences` (#15 point 7): a person
/// declares an absence and chooses which kinds of event reach them by e-mail.
struct ReachabilityAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "availability", use: availability)
        routes.put("me", "availability", use: setAvailability)
        routes.get("me", "notification-preferences", use: preferences)
        routes.put("me", "notification-preferences", use: setPreferences)
    }

    struct AvailabilityDTO: Content {
        let awayUntil: Date?
    }

    struct PreferencesDTO: Content {
        /// Kinds of event sent in-app only; alerts that must be acknowledged still come by e-mail.
        let emailOff: [NotificationEventKind]

        init(_ kinds: Set<NotificationEventKind>) {
            emailOff = kinds.sorted { $0.rawValue < $1.rawValue }
        }
    }

    struct PreferencesBody: Decodable {
        let emailOff: [NotificationEventKind]
    }

    func availability(_ req: Request) async throws -> Response {
        try Response.json(AvailabilityDTO(awayUntil: try await req.reachability.current().awayUntil))
    }

    /// An absence ends in the future and within a year (422 otherwise); null ends it now.
    func setAvailability(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(AvailabilityDTO.self)
        return try Response.json(AvailabilityDTO(awayUntil: try await req.reachability.setAway(until: body.awayUntil)))
    }

    func preferences(_ req: Request) async throws -> Response {
        try Response.json(PreferencesDTO(try await req.reachability.current().emailOff))
    }

    func setPreferences(_ req: Request) async throws -> Response {
        let kinds = Set(try req.decodeBody(PreferencesBody.self).emailOff)
        try await req.reachability.setEmailOff(kinds)
        return try Response.json(PreferencesDTO(kinds))
    }
}
