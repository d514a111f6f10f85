import Fluent
import RiposteCore
import Vapor

/// `/api/v1/settings/sla` and `/api/v1/activities`: the plan's preparation (§4.1).
struct SettingsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "sla", use: sla)
        routes.put("settings", "sla", use: updateSLA)
        routes.get("activities", use: activities)
        routes.post("activities", use: createActivity)
    }

    func sla(_ req: Request) async throws -> Response {
        _ = try req.apiUser
        return try Response.json(SLASettingsDTO(try await req.settings.sla()))
    }

    /// Replaces the targets of the severities given; the others keep theirs.
    func updateSLA(_ req: Request) async throws -> Response {
        try Self.requireSettingsRight(try req.apiUser)
        let body = try req.decodeBody([String: SeverityTargetsBody].self)
        guard !body.isEmpty else { throw APIError(FieldError(field: "low", problem: .required)) }
        var changes: [Severity: SeverityTargets] = [:]
        for (key, entry) in body.sorted(by: { $0.key < $1.key }) {
            guard let severity = Severity(rawValue: key) else {
                throw APIError(FieldError(field: key, problem: .invalid))
            }
            changes[severity] = try FieldError.check { () throws(FieldError) in
                SeverityTargets(
                    qualify: try DurationRule.positive(entry.qualify, field: "\(key).qualify"),
                    resolve: try DurationRule.positive(entry.resolve, field: "\(key).resolve"),
                    statusReport: try entry.statusReport.map { text throws(FieldError) in
                        try DurationRule.positive(text, field: "\(key).statusReport")
                    })
            }
        }
        try await req.settings.save(changes)
        return try Response.json(SLASettingsDTO(try await req.settings.sla()))
    }

    func activities(_ req: Request) async throws -> Response {
        _ = try req.apiUser
        let rows = try await EssentialActivityModel.query(on: req.db).sort(\.$name).all()
        return try Response.json(ActivityPageDTO(items: try rows.map(Self.dto)))
    }

    func createActivity(_ req: Request) async throws -> Response {
        try Self.requireSettingsRight(try req.apiUser)
        let body = try req.decodeBody(NewActivityBody.self)
        let (name, rto) = try FieldError.check { () throws(FieldError) in
            (
                try TextRule.required(body.name, field: "name", max: FieldLimits.name),
                try DurationRule.positive(body.rto, field: "rto")
            )
        }
        let activity = EssentialActivityModel(name: name, rtoSeconds: rto.seconds)
        do {
            try await req.application.writeGate.transaction(on: req.db) { tx in
                guard try await EssentialActivityModel.query(on: tx).filter(\.$name == name).first() == nil else {
                    throw Self.duplicate
                }
                try await activity.create(on: tx)
            }
        } catch let error as APIError {
            throw error
        } catch {
            // Two instances creating the same name at once: the unique index decides.
            if try await EssentialActivityModel.query(on: req.db).filter(\.$name == name).first() != nil {
                throw Self.duplicate
            }
            throw error
        }
        let response = try Response.json(try Self.dto(activity), status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/activities/\(try activity.requireID())")
        return response
    }

    static let duplicate = APIError(
        .conflict, code: "already_exists", message: "An essential activity with this name already exists.",
        field: "name")

    static func requireSettingsRight(_ user: APIUser) throws {
        guard user.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
    }

    static func dto(_ activity: EssentialActivityModel) throws -> ActivityDTO {
        ActivityDTO(
            id: try activity.requireID(), name: activity.name,
            rto: ISODuration(seconds: activity.rtoSeconds).description)
    }

}
