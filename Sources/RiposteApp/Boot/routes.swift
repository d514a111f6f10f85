import RiposteCore
import RiposteStorage
import Vapor

/// Every route, from one place.
func routes(_ app: Application) throws {
    app.get("health") { req async throws -> Response in
        // A load balancer wants to know that this instance can reach its database.
        try await DatabaseUpkeep.ping(req.db.sql())
        let response = Response(status: .ok)
        try response.content.encode(["status": "ok"])
        return response
    }

    app.get("health", "ready") { req async throws -> Response in
        try await Readiness.check(req)
    }

    app.get("metrics") { req async throws -> Response in
        try await MetricsEndpoint.answer(req)
    }

    // A person's deadlines for their calendar program: the address is the secret (#20 point 5).
    app.get("calendar", ":feed") { req async throws -> Response in
        try await CalendarFeedController().feed(req)
    }

    let api = app.grouped("api", "v1")
    api.get("openapi.yaml") { req async throws -> Response in
        let response = Response(status: .ok, body: .init(string: try OpenAPIDocument.text()))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "yaml")
        return response
    }

    // Monitoring alerts, authenticated by each integration's own secret (#18 point 2).
    try api.register(collection: IntakeAPIController())

    let authenticated = api.grouped(BearerTokenAuthenticator(), RequireAPIUser())
    try authenticated.register(collection: IncidentAPIController())
    try authenticated.register(collection: SettingsAPIController())
    try authenticated.register(collection: ReviewReminderAPIController())
    try authenticated.register(collection: MessageTemplatesAPIController())
    try authenticated.register(collection: GettingReadyAPIController())
    try authenticated.register(collection: NotificationAPIController())
    try authenticated.register(collection: UserAPIController())
    try authenticated.register(collection: AccountAPIController())
    try authenticated.register(collection: ReachabilityAPIController())
    try authenticated.register(collection: ContactsAPIController())
    try authenticated.register(collection: FollowUpAPIController())
    try authenticated.register(collection: RegulationAPIController())
    try authenticated.register(collection: CalendarAPIController())
    try authenticated.register(collection: DocumentsAPIController())
    try authenticated.register(collection: PlanAPIController())
    try authenticated.register(collection: MetricsAPIController())
    try authenticated.register(collection: PlaybookAPIController())
    try authenticated.register(collection: IntegrationAPIController())
    try authenticated.register(collection: ReportLinkAPIController())
}

/// Refuses a request without a valid token before any route runs.
struct RequireAPIUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(ActingPerson.self) else {
            if request.headers.bearerAuthorization != nil { request.application.metrics.signInFailed("api_token") }
            throw Refusal.unauthenticated
        }
        return try await next.respond(to: request)
    }
}

/// The OpenAPI document shipped with the app: the contract the tests hold the routes to.
enum OpenAPIDocument {
    static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw StartupFault.resourceMissing("openapi.yaml")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
