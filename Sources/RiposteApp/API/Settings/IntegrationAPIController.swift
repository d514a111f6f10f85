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

    static func require(_ req: Request) throws {
        guard try req.actingPerson.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
    }

    func list(_ req: Request) async throws -> Response {
        try Self.require(req)
        return try Response.json(
            IntegrationsDTO(items: try await IntegrationStore.all(on: req.sql).map { Self.dto($0) }))
    }

    func create(_ req: Request) async throws -> Response {
        try Self.require(req)
        let body = try req.decodeBody(IntegrationBody.self)
        let (name, settings) = try Self.checked(body)
        let (id, user, secret) = (UUID.random(), UUID.random(), Self.newSecret())
        let hash = try await req.password.async.hash(TokenDigest.newToken())
        let now = req.now
        let filed = try await req.application.writeGate.transaction(on: req.db) { tx in
            try await IntegrationStore.insert(
                id: id, name: name, kind: body.kind ?? .alertmanager, settings: settings,
                tokenHash: TokenDigest.digest(secret), serviceUser: user,
                serviceEmail: "integration-\(id.uuidString.lowercased())@riposte.invalid", passwordHash: hash, at: now,
                on: try tx.sql())
        }
        guard filed, let record = try await IntegrationStore.find(id, on: req.sql) else {
            throw Refusal.alreadyExists(.integration, field: "name")
        }
        let response = try Response.json(Self.dto(record, secret: secret), status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/integrations/\(id.uuidString.lowercased())")
        return response
    }

    func replace(_ req: Request) async throws -> Response {
        try Self.require(req)
        guard let id = req.parameters.get("integrationId", as: UUID.self) else {
            throw Refusal.notFound(.integration)
        }
        let body = try req.decodeBody(IntegrationBody.self)
        let (name, settings) = try Self.checked(body)
        let secret = body.renewSecret == true ? Self.newSecret() : nil
        try await req.application.writeGate.transaction(on: req.db) { tx in
            let sql = try tx.sql()
            guard try await !IntegrationStore.nameTaken(name, besides: id, on: sql) else {
                throw Refusal.alreadyExists(.integration, field: "name")
            }
            guard
                try await IntegrationStore.update(
                    id, name: name, settings: settings, tokenHash: secret.map(TokenDigest.digest), on: sql)
            else { throw Refusal.notFound(.integration) }
        }
        guard let record = try await IntegrationStore.find(id, on: req.sql) else {
            throw Refusal.notFound(.integration)
        }
        return try Response.json(Self.dto(record, secret: secret))
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        try Self.require(req)
        guard let id = req.parameters.get("integrationId", as: UUID.self),
            try await req.application.writeGate.transaction(
                on: req.db,
                { tx in
                    try await IntegrationStore.delete(id, on: tx.sql())
                })
        else { throw Refusal.notFound(.integration) }
        return .noContent
    }

    static func checked(_ body: IntegrationBody) throws -> (String, IntegrationSettings) {
        try FieldError.check { () throws(FieldError) in
            let name = try TextRule.required(body.name, field: "name", max: FieldLimits.name)
            let label = try TextRule.optional(body.severityLabel, field: "severityLabel", max: 100) ?? "severity"
            let mapping = body.mapping ?? [:]
            guard mapping.count <= 50 else { throw FieldError(field: "mapping", problem: .tooMany, limit: 50) }
            var lowered: [String: Severity] = [:]
            for (value, severity) in mapping {
                guard !value.isEmpty, value.count <= 100 else {
                    throw FieldError(field: "mapping.\(value)", problem: .invalid)
                }
                lowered[value.lowercased()] = severity
            }
            return (
                name,
                IntegrationSettings(severityLabel: label, mapping: lowered, autoResolve: body.autoResolve ?? false)
            )
        }
    }

    static func newSecret() -> String {
        "rint_" + TokenDigest.newToken().replacingOccurrences(of: "rpt_", with: "")
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
