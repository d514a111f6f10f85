import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `POST /api/v1/intake/alertmanager/{id}` and `/api/v1/intake/events/{id}`: monitoring alerts
/// (#18 point 2), authenticated by the integration's own secret, as Alertmanager's
/// `http_config` sends it: `Authorization: Bearer <secret>`, or basic auth with the secret as
/// the password. A wrong or missing secret, or an unknown integration, answers 401 alike;
/// a body over 1 MiB 413; a malformed payload 400 with the field's path; nothing is recorded.
struct IntakeAPIController: RouteCollection {
    static let maxBody: ByteCount = "1mb"

    func boot(routes: any RoutesBuilder) throws {
        let intake = routes.grouped("intake")
        intake.on(.POST, "alertmanager", ":integrationId", body: .collect(maxSize: Self.maxBody)) { req in
            try await receive(req, kind: .alertmanager)
        }
        intake.on(.POST, "events", ":integrationId", body: .collect(maxSize: Self.maxBody)) { req in
            try await receive(req, kind: .events)
        }
    }

    func receive(_ req: Request, kind: IntegrationStore.Kind) async throws -> Response {
        let integration = try await Self.integration(req, kind: kind)
        guard req.application.intakeLimiter.allows(integration.id, at: req.now) else { throw APIError.rateLimited }
        // The route collects at most 1 MiB from the network; a body handed over whole is held
        // to the same limit.
        guard (req.body.data?.readableBytes ?? 0) <= Self.maxBody.value else { throw Abort(.payloadTooLarge) }
        let data = Data(buffer: req.body.data ?? ByteBuffer())
        let alerts: [MonitoringAlert]
        do {
            switch kind {
            case .alertmanager:
                alerts = try AlertmanagerPayload.alerts(from: data, severityLabel: integration.settings.severityLabel)
            case .events:
                alerts = [try GenericAlert.alert(from: data)]
            }
        } catch {
            throw APIError.invalidPayload(error)
        }
        return try Response.json(try await req.intake.receive(alerts, by: integration))
    }

    /// The integration whose secret the request carries; 401 for anything else.
    static func integration(_ req: Request, kind: IntegrationStore.Kind) async throws -> IntegrationStore.Record {
        let secret = req.headers.bearerAuthorization?.token ?? req.headers.basicAuthorization?.password
        guard let secret, let id = req.parameters.get("integrationId", as: UUID.self),
            let found = try await IntegrationStore.authenticated(
                id, tokenHash: TokenDigest.digest(secret), on: req.sql),
            found.kind == kind
        else { throw Refusal.unauthenticated }
        return found
    }
}
