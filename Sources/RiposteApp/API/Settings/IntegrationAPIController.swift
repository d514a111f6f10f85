import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/integrations`: the monitoring integrations the administrator keeps (#18 point 2),
/// each with its secret (shown once, when made or renewed), its severity mapping, auto-resolve,
/// when it last delivered and its counts.
struct IntegrationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("integrations", use: list)
        routes.post("integrations", use: create)
        routes.put("integrations", ":integrationId", use: replace)
        routes.delete("integrations", ":integrationId", use: delete)
    }

    struct IntegrationBody: Content {
        let name: String
        let kind: IntegrationStore.Kind?
        let severityLabel: String?
        let mapping: [String: Severity]?
        let autoResolve: Bool?
        /// On `PUT`: a new secret in place of the old one.
        let renewSecret: Bool?
    }

    struct IntegrationDTO: Content {
        let id: UUID
        let name: String
        let kind: IntegrationStore.Kind
        let severityLabel: String
        let mapping: [String: Severity]
        let autoResolve: Bool
        let intakeURL: String
        let createdAt: Date
        let lastReceivedAt: Date?
        let received: Int
        let filed: Int
        /// Only when made or renewed: it is never shown again.
        let secret: String?
    }

    struct IntegrationsDTO: Content {
        let items: [IntegrationDTO]
    }

    func list(_ req: Request) async throws -> Response {
        try Response.json(IntegrationsDTO(items: try await req.integrations.all().map { Self.dto($0) }))
    }

    func create(_ req: Request) async throws -> Response {
        let integrations = try req.integrations
        guard integrations.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let body = try req.decodeBody(IntegrationBody.self)
        let (record, secret) = try await integrations.create(Self.input(body))
        return try Response.json(Self.dto(record, secret: secret), status: .created)
    }

    func replace(_ req: Request) async throws -> Response {
        let integrations = try req.integrations
        guard integrations.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        guard let id = req.parameters.get("integrationId", as: UUID.self) else {
            throw Refusal.notFound(.integration)
        }
        let body = try req.decodeBody(IntegrationBody.self)
        let (record, secret) = try await integrations.update(
            id, Self.input(body), renewSecret: body.renewSecret == true)
        return try Response.json(Self.dto(record, secret: secret))
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        let integrations = try req.integrations
        guard let id = req.parameters.get("integrationId", as: UUID.self) else {
            guard integrations.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
            throw Refusal.notFound(.integration)
        }
        try await integrations.delete(id)
        return .noContent
    }

    static func input(_ body: IntegrationBody) -> IntegrationActions.Input {
        IntegrationActions.Input(
            name: body.name, kind: body.kind ?? .alertmanager, severityLabel: body.severityLabel,
            mapping: body.mapping ?? [:], autoResolve: body.autoResolve ?? false)
    }

    static func dto(_ record: IntegrationStore.Record, secret: String? = nil) -> IntegrationDTO {
        let id = record.id.uuidString.lowercased()
        return IntegrationDTO(
            id: record.id, name: record.name, kind: record.kind, severityLabel: record.settings.severityLabel,
            mapping: record.settings.mapping, autoResolve: record.settings.autoResolve,
            intakeURL: "/api/v1/intake/\(record.kind.rawValue)/\(id)", createdAt: record.createdAt,
            lastReceivedAt: record.lastReceivedAt, received: record.received, filed: record.filed, secret: secret)
    }
}
