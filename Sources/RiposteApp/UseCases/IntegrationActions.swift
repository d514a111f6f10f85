import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The monitoring integrations the administrator keeps (#18 point 2), for the API and the
/// administration page alike: each made with a secret shown once and a service account that
/// reports its events and cannot sign in.
struct IntegrationActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let passwords: PasswordWork
    let actor: ActingPerson
    let now: Date

    /// What is sent: a name, the severity label and its mapping, auto-resolve.
    struct Input: Sendable {
        var name: String
        var kind: IntegrationStore.Kind = .alertmanager
        var severityLabel: String?
        var mapping: [String: Severity] = [:]
        var autoResolve = false
    }

    private func require() throws {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
    }

    func all() async throws -> [IntegrationStore.Record] {
        try require()
        return try await IntegrationStore.all(on: database.sql())
    }

    /// A new integration and its secret, which is never shown again.
    func create(_ input: Input) async throws -> (IntegrationStore.Record, secret: String) {
        try require()
        let (name, settings) = try Self.checked(input)
        let (id, user, secret) = (UUID.random(), UUID.random(), Self.newSecret())
        let hash = try await passwords.hash(TokenDigest.newToken(), on: database.eventLoop)
        let (kind, now) = (input.kind, self.now)
        let filed = try await gate.transaction(on: database) { tx in
            try await IntegrationStore.insert(
                id: id, name: name, kind: kind, settings: settings, tokenHash: TokenDigest.digest(secret),
                serviceUser: user, serviceEmail: "integration-\(id.uuidString.lowercased())@riposte.invalid",
                passwordHash: hash, at: now, on: try tx.sql())
        }
        guard filed, let record = try await IntegrationStore.find(id, on: database.sql()) else {
            throw Refusal.alreadyExists(.integration, field: "name")
        }
        return (record, secret)
    }

    /// Its name and settings; a new secret in place of the old one when `renewSecret`.
    func update(
        _ id: UUID, _ input: Input, renewSecret: Bool
    ) async throws -> (IntegrationStore.Record, secret: String?) {
        try require()
        let (name, settings) = try Self.checked(input)
        let secret = renewSecret ? Self.newSecret() : nil
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            guard try await !IntegrationStore.nameTaken(name, besides: id, on: sql) else {
                throw Refusal.alreadyExists(.integration, field: "name")
            }
            guard
                try await IntegrationStore.update(
                    id, name: name, settings: settings, tokenHash: secret.map(TokenDigest.digest), on: sql)
            else { throw Refusal.notFound(.integration) }
        }
        guard let record = try await IntegrationStore.find(id, on: database.sql()) else {
            throw Refusal.notFound(.integration)
        }
        return (record, secret)
    }

    func delete(_ id: UUID) async throws {
        try require()
        let gone = try await gate.transaction(on: database) { tx in try await IntegrationStore.delete(id, on: tx.sql())
        }
        guard gone else { throw Refusal.notFound(.integration) }
    }

    static func checked(_ input: Input) throws -> (String, IntegrationSettings) {
        try FieldError.check { () throws(FieldError) in
            let name = try TextRule.required(input.name, field: "name", max: FieldLimits.name)
            let label = try TextRule.optional(input.severityLabel, field: "severityLabel", max: 100) ?? "severity"
            guard input.mapping.count <= 50 else { throw FieldError(field: "mapping", problem: .tooMany, limit: 50) }
            var lowered: [String: Severity] = [:]
            for (value, severity) in input.mapping {
                let word = value.trimmingCharacters(in: .whitespaces)
                guard !word.isEmpty, word.count <= 100 else { throw FieldError(field: "mapping", problem: .invalid) }
                lowered[word.lowercased()] = severity
            }
            return (name, IntegrationSettings(severityLabel: label, mapping: lowered, autoResolve: input.autoResolve))
        }
    }

    static func newSecret() -> String {
        "rint_" + TokenDigest.newToken().replacingOccurrences(of: "rpt_", with: "")
    }
}

extension Request {
    var integrations: IntegrationActions {
        get throws {
            IntegrationActions(
                database: db, gate: application.writeGate, passwords: application.passwordWork, actor: try actingPerson,
                now: now)
        }
    }
}
