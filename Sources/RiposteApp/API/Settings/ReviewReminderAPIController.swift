import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/settings/review-reminder`: after how many working days the incident manager is
/// reminded of a post-incident review not done (#16 point 5).
struct ReviewReminderAPIController: RouteCollection {
    struct ReminderDTO: Content {
        let workingDays: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "review-reminder", use: show)
        routes.put("settings", "review-reminder", use: update)
    }

    func show(_ req: Request) async throws -> Response {
        _ = try req.actingPerson
        return try Response.json(ReminderDTO(workingDays: try await req.settings.sla().reviewReminderWorkingDays))
    }

    func update(_ req: Request) async throws -> Response {
        let admin = try req.admin
        let body = try req.decodeBody(ReminderDTO.self)
        try await admin.saveReviewReminder(workingDays: body.workingDays)
        return try Response.json(ReminderDTO(workingDays: try await req.settings.sla().reviewReminderWorkingDays))
    }
}
