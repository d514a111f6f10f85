import Fluent
import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

/// Everything a test needs: the app on a fresh database, its clock, and helpers to
/// call the API as someone.
struct TestApp: Sendable {
    let app: Application
    let clock: TestClock

    var db: any Database { app.db }
}

/// Runs `body` with a configured, migrated app on its own fresh database.
func withTestApp(_ body: (TestApp) async throws -> Void) async throws {
    let database = try await TestDatabase.make()
    let clock = TestClock()
    let app = try await Application.make(.testing)
    do {
        try await configure(app, database: database.choice, clock: clock)
        // Uploaded files go to a folder of the test's own, never into the working directory.
        app.files = FileStore(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("riposte-files-\(UUID())"))
        try await app.asyncBoot()
        try await body(TestApp(app: app, clock: clock))
    } catch {
        try? await app.asyncShutdown()
        await database.drop()
        // PostgreSQL's errors describe themselves as "generic" unless reflected: say what it was.
        if String(describing: type(of: error)).hasPrefix("PSQL") {
            throw TestDatabaseFailure(description: String(reflecting: error))
        }
        throw error
    }
    try? FileManager.default.removeItem(at: app.files.directory)
    try await app.asyncShutdown()
    await database.drop()
}

extension TestApp {
    /// Creates a user with these roles and returns a bearer token for them.
    @discardableResult
    func user(_ roles: Set<Role>, email: String? = nil) async throws -> Caller {
        let user = UserModel(
            email: email ?? "\(UUID().uuidString.prefix(8))@example.test",
            name: "Test \(roles.map(\.rawValue).sorted())",
            passwordHash: "not-a-real-hash", createdAt: clock.now())
        try await user.create(on: db)
        for role in roles {
            try await RoleAssignmentModel(userID: try user.requireID(), role: role.rawValue).create(on: db)
        }
        let token = TokenDigest.newToken()
        try await APITokenModel(
            userID: try user.requireID(), tokenHash: TokenDigest.digest(token), createdAt: clock.now()
        )
        .create(on: db)
        return Caller(id: try user.requireID(), token: token)
    }

    func activity(_ name: String, rtoHours: Int = 4) async throws -> UUID {
        let activity = EssentialActivityModel(name: name, rtoSeconds: rtoHours * 3600)
        try await activity.create(on: db)
        return try activity.requireID()
    }

    /// Sends a request; `json` is sent verbatim as the body.
    func send(
        _ method: HTTPMethod, _ path: String, as caller: Caller?, json: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let caller { headers.add(name: .authorization, value: "Bearer \(caller.token)") }
        if json != nil { headers.contentType = .json }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        let body = json.map { ByteBuffer(string: $0) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    /// Sends an encodable value as JSON.
    func send<T: Encodable>(
        _ method: HTTPMethod, _ path: String, as caller: Caller?, body: T, headers: [(String, String)] = []
    ) async throws -> TestingHTTPResponse {
        let data = try JSONEncoder().encode(body)
        return try await send(method, path, as: caller, json: String(decoding: data, as: UTF8.self), headers: headers)
    }

    /// Reports an incident and returns it.
    func report(
        as caller: Caller, title: String = "Serveur de messagerie en panne", description: String = "Plus aucun e-mail"
    )
        async throws -> IncidentJSON
    {
        let response = try await send(
            .POST, "/api/v1/incidents", as: caller, body: ["title": title, "description": description])
        try #require(response.status == .created, "report failed: \(response.body.string)")
        return try response.incident()
    }

    func qualify(
        _ incident: IncidentJSON, as caller: Caller, type: String = "messagerie", severity: Severity
    )
        async throws -> IncidentJSON
    {
        let response = try await send(
            .POST, "/api/v1/incidents/\(incident.id)/qualify", as: caller,
            body: ["type": type, "severity": severity.rawValue])
        try #require(response.status == .ok, "qualify failed: \(response.body.string)")
        return try response.incident()
    }

    func move(
        _ incident: IncidentJSON, to status: IncidentStatus, as caller: Caller, reason: String? = nil
    )
        async throws -> IncidentJSON
    {
        var body = ["to": status.rawValue]
        if let reason { body["reason"] = reason }
        let response = try await send(.POST, "/api/v1/incidents/\(incident.id)/transitions", as: caller, body: body)
        try #require(response.status == .ok, "transition failed: \(response.body.string)")
        return try response.incident()
    }

    /// Closes a resolved incident as the incident manager does (§4.5): the IRP deactivated
    /// first, then the ticket closed.
    @discardableResult
    func close(_ incident: IncidentJSON, as caller: Caller) async throws -> IncidentJSON {
        try await move(try await plan("irp", "deactivate", on: incident, as: caller), to: .closed, as: caller)
    }

    func fetch(_ reference: String, as caller: Caller) async throws -> IncidentJSON {
        let response = try await send(.GET, "/api/v1/incidents/\(reference)", as: caller)
        try #require(response.status == .ok, "fetch failed: \(response.body.string)")
        return try response.incident()
    }

    func journal(_ id: UUID, as caller: Caller) async throws -> [JournalJSON] {
        let response = try await send(.GET, "/api/v1/incidents/\(id)/journal", as: caller)
        try #require(response.status == .ok)
        return try response.decode(JournalPageJSON.self).items
    }

    /// Everything stored about the register, to prove a refused request changed nothing.
    func snapshot() async throws -> String {
        let incidents = try await IncidentRow.fetch(
            "SELECT \(IncidentRow.columns) FROM incidents ORDER BY number", on: db.sql()
        )
        .map {
            "\($0.number)|\($0.status)|\($0.severity ?? "-")|\($0.type ?? "-")|\($0.version)|\($0.title)|\($0.team ?? "-")"
                + "|\($0.slaPausedSeconds)|\(String(describing: $0.slaPausedSince))"
                + "|\(String(describing: $0.expectedRecoveryAt))|\(String(describing: $0.lastStatusReportAt))"
                + "|\($0.plans.activeSince.keys.map(\.rawValue).sorted())|\($0.plans.closeAgreedAt.keys.map(\.rawValue).sorted())"
                + "|\(Self.involvement($0.plans))|\(String(describing: $0.ownerId))|\($0.impact ?? "-")"
                + "|\($0.resourcesAllocated ?? "-")|\($0.description)|\($0.customersAffected)"
        }
        let journal = try await db.sql().raw("SELECT sequence, hash FROM journal_entries ORDER BY hash").all()
            .map {
                "\(try $0.decode(column: "sequence", as: Int.self)):\(try $0.decode(column: "hash", as: String.self))"
            }
        let checklist = try await ChecklistItemModel.query(on: db).sort(\.$stepKey).all()
            .map { "\($0.stepKey):\($0.doneAt.map { "\($0.timeIntervalSince1970)" } ?? "open")" }
        let counters = try await db.sql().raw("SELECT year, last_sequence FROM incident_counters ORDER BY year").all()
            .map {
                "\((try? $0.decode(column: "year", as: Int.self)) ?? 0):\((try? $0.decode(column: "last_sequence", as: Int.self)) ?? 0)"
            }
        var outbox: [String] = []
        for table in [
            "outbox_events", "notifications", "deliveries", "delivery_attempts", "webhooks", "incident_members",
            "impacted_activities", "communications", "plan_settings", "incident_assessments", "obligation_records",
        ] {
            let count = try await db.sql().raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?
                .decode(column: "n", as: Int.self)
            outbox.append("\(table):\(count ?? -1)")
        }
        return (incidents + ["--"] + journal + ["--"] + checklist + ["--"] + counters + ["--"] + outbox)
            .joined(separator: "\n")
    }
}

extension TestApp {
    /// The caller's notifications, as the API lists them.
    func notifications(of caller: Caller, query: String = "") async throws -> NotificationPageJSON {
        let response = try await send(.GET, "/api/v1/notifications\(query)", as: caller)
        try #require(response.status == .ok, "notifications failed: \(response.body.string)")
        return try response.decode(NotificationPageJSON.self)
    }

    /// An incident reported, qualified at `severity` and put in treatment, all by `caller`.
    func inTreatment(_ severity: Severity, as caller: Caller) async throws -> IncidentJSON {
        try await move(
            try await qualify(try await report(as: caller), as: caller, severity: severity), to: .inTreatment,
            as: caller)
    }

    func deliveries(
        of incident: IncidentJSON, as caller: Caller, headers: [(String, String)] = []
    ) async throws -> [DeliveryJSON] {
        let response = try await send(
            .GET, "/api/v1/incidents/\(incident.id)/deliveries", as: caller, headers: headers)
        try #require(response.status == .ok, "deliveries failed: \(response.body.string)")
        return try response.decode(DeliveryPageJSON.self).items
    }

    /// Activates, deactivates, declines or agrees on a plan, expecting success.
    @discardableResult
    func plan(
        _ plan: String, _ action: String, on incident: IncidentJSON, as caller: Caller, note: String? = nil
    ) async throws
        -> IncidentJSON
    {
        let response = try await send(
            .POST, "/api/v1/incidents/\(incident.id)/plans/\(plan)", as: caller,
            body: ["action": action, "note": note].compactMapValues { $0 })
        try #require(response.status == .ok, "\(action) \(plan) failed: \(response.body.string)")
        return try response.incident()
    }

    static func involvement(_ plans: PlanState) -> String {
        ResponsePlan.allCases.map { plans.involvement(of: $0).rawValue }.joined(separator: ",")
    }

    /// Sends a warning along a flow of chapter II, expecting success.
    @discardableResult
    func warn(
        _ flow: Int, on incident: IncidentJSON, as caller: Caller, message: String = "Avertissement"
    )
        async throws -> IncidentJSON
    {
        let response = try await send(
            .POST, "/api/v1/incidents/\(incident.id)/warnings", as: caller,
            json: #"{"flow":\#(flow),"message":"\#(message)"}"#)
        try #require(response.status == .created, "warning \(flow) failed: \(response.body.string)")
        return try response.incident()
    }
}

struct Caller: Sendable {
    let id: UUID
    let token: String
}
