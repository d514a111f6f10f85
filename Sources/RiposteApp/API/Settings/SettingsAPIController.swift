import Fluent
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/settings/sla` and `/api/v1/activities`: the plan's preparation (§4.1).
struct SettingsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "sla", use: sla)
        routes.put("settings", "sla", use: updateSLA)
        routes.get("activities", use: activities)
        routes.post("activities", use: createActivity)
        routes.put("activities", ":activityId", use: updateActivity)
        routes.delete("activities", ":activityId", use: retireActivity)
    }

    func sla(_ req: Request) async throws -> Response {
        _ = try req.actingPerson
        return try Response.json(SLASettingsDTO(try await req.settings.sla()))
    }

    /// Replaces the targets of the severities given; the others keep theirs.
    func updateSLA(_ req: Request) async throws -> Response {
        let admin = try req.admin
        try Self.requireSettingsRight(try req.actingPerson)
        let body = try req.decodeBody([String: SeverityTargetsBody].self)
        guard !body.isEmpty else { throw FieldError(field: "low", problem: .required) }
        var changes: [Severity: SeverityTargets] = [:]
        for (key, entry) in body.sorted(by: { $0.key < $1.key }) {
            guard let severity = Severity(rawValue: key) else {
                throw FieldError(field: key, problem: .invalid)
            }
            changes[severity] = try FieldError.check { () throws(FieldError) in
                SeverityTargets(
                    qualify: try DurationRule.positive(entry.qualify, field: "\(key).qualify"),
                    resolve: try DurationRule.positive(entry.resolve, field: "\(key).resolve"),
                    statusReport: try entry.statusReport.map { text throws(FieldError) in
                        try DurationRule.positive(text, field: "\(key).statusReport")
                    },
                    promoteAtDeadline: try PromotionRule.check(entry.promoteAtDeadline, of: severity),
                    acknowledge: try entry.acknowledge.map { text throws(FieldError) in
                        try DurationRule.positive(text, field: "\(key).acknowledge")
                    })
            }
        }
        try await admin.saveSLA(changes)
        return try Response.json(SLASettingsDTO(try await req.settings.sla()))
    }

    /// The activities in use, by name (retired ones stay on their incidents only).
    func activities(_ req: Request) async throws -> Response {
        _ = try req.actingPerson
        let activities = try await SettingsStore.activities(on: req.db.sql())
        return try Response.json(
            ActivityPageDTO(items: activities.map { ActivityDTO(id: $0.id, name: $0.name, rto: $0.rto.description) }))
    }

    /// `PUT /activities/{id}`: a new name or RTO (the continuity manager or the administrator).
    func updateActivity(_ req: Request) async throws -> Response {
        let admin = try req.admin
        let id = try Self.activityID(req)
        let body = try req.decodeBody(NewActivityBody.self)
        let activity = try await admin.updateActivity(id, name: body.name, rto: body.rto)
        return try Response.json(ActivityDTO(id: activity.id, name: activity.name, rto: activity.rto.description))
    }

    /// `DELETE /activities/{id}`: retired, no longer offered, kept on the incidents that named it.
    func retireActivity(_ req: Request) async throws -> HTTPStatus {
        let admin = try req.admin
        try await admin.retireActivity(try Self.activityID(req))
        return .noContent
    }

    static func activityID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("activityId", as: UUID.self) else {
            throw Refusal.notFound(.essentialActivity)
        }
        return id
    }

    func createActivity(_ req: Request) async throws -> Response {
        let admin = try req.admin
        let body = try req.decodeBody(NewActivityBody.self)
        let activity = try await admin.createActivity(name: body.name, rto: body.rto)
        let response = try Response.json(
            ActivityDTO(id: activity.id, name: activity.name, rto: activity.rto.description), status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/activities/\(activity.id)")
        return response
    }

    static func requireSettingsRight(_ user: ActingPerson) throws {
        guard user.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
    }

}
