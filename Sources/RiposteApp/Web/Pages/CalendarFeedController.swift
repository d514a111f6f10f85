import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `GET /calendar/{token}.ics` (#20 point 5): a person's deadlines for their calendar program,
/// read without signing in: the address is the secret. An unknown or revoked one is 404, as any
/// unknown address.
struct CalendarFeedController {
    func feed(_ req: Request) async throws -> Response {
        guard let file = req.parameters.get("feed"), file.hasSuffix(".ics") else { throw Abort(.notFound) }
        guard let text = try await req.calendarActions.feed(token: String(file.dropLast(4))) else {
            throw Abort(.notFound)
        }
        return Response(
            status: .ok,
            headers: [
                "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store",
                "Content-Disposition": "inline; filename=\"riposte.ics\"",
            ], body: .init(string: text))
    }
}

/// `POST`/`DELETE /api/v1/me/calendar`: one's own feed, made (its address answered once) or revoked.
struct CalendarAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("me", "calendar", use: create)
        routes.delete("me", "calendar", use: revoke)
    }

    struct FeedDTO: Content {
        let url: String
    }

    func create(_ req: Request) async throws -> Response {
        let token = try await req.calendarActions.create(for: try req.actingPerson)
        return try Response.json(FeedDTO(url: req.calendarURL(token: token)), status: .created)
    }

    func revoke(_ req: Request) async throws -> Response {
        let person = try req.actingPerson
        guard try await CalendarStore(database: req.db, gate: req.application.writeGate).revoke(for: person.id) else {
            throw Refusal.notFound(.calendar)
        }
        return Response(status: .noContent)
    }
}
