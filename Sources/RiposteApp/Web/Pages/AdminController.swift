import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/admin`: people and their roles, SLA targets per severity, essential activities and
/// their RTO, incident types (#3, and the settings of #4). Administrators only.
struct AdminController {
    struct Page: Encodable {
        struct Person: Encodable {
            let id: UUID
            let name: String
            let email: String
            let roles: [PageFrame.Option]
            let disabled: Bool
        }

        /// A temporary password just made: shown on this answer only, never stored in clear.
        struct Reset: Encodable {
            let name: String
            let password: String
        }

        /// One duration of the SLA table: what it holds (or what was typed, when refused) and
        /// why it was refused, next to it.
        struct SLACell: Encodable {
            let name: String
            let value: String
            let label: String
            let required: Bool
            let error: String?
        }

        struct SLARow: Encodable {
            let severity: String
            let severityName: String
            /// Time to qualify, to resolve, between status reports.
            let cells: [SLACell]
            /// The minor row offers automatic promotion at the deadline (#15 point 5).
            let promotable: Bool
            let promote: Bool
            /// Major and crisis: time to acknowledge an alert (#15 point 7); none for the others.
            let acknowledge: [SLACell]
        }

        struct Activity: Encodable {
            let name: String
            let rto: String
        }

        struct IncidentType: Encodable {
            let id: UUID
            let name: String
        }

        /// The last backup (#19 point 1), and whether its age calls for a warning.
        struct Backup: Encodable {
            let at: String?
            let size: String?
            let stale: Bool
            /// `serve` takes them itself (`RIPOSTE_BACKUP_DIR`).
            let scheduled: Bool
        }

        let page: PageFrame
        let backup: Backup
        let users: [Person]
        let newRoles: [PageFrame.Option]
        let sla: [SLARow]
        /// Working days after closing before a review not done is recalled (#16 point 5).
        let reviewReminder: Int
        let activities: [Activity]
        let types: [IncidentType]
        let form: FormState
        let reset: Reset?
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    struct NewUser: Content {
        var name: String?
        var email: String?
        var password: String?
        var roles: [String]?
    }

    func createUser(_ req: Request) async throws -> Response {
        let fields = try req.content.decode(NewUser.self)
        let roles = Set((fields.roles ?? []).compactMap(Role.init))
        var form = FormState(values: ["name": fields.name ?? "", "email": fields.email ?? ""])
        form.values["newRoles"] = roles.map(\.rawValue).sorted().joined(separator: ",")
        return try await attempt(req, form: form, notice: "admin.done.user") {
            try await req.admin.createUser(
                email: fields.email ?? "", name: fields.name ?? "", password: fields.password ?? "", roles: roles)
        }
    }

    func setRoles(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.userId, as: UUID.self) else { throw Refusal.notFound(.user) }
        let roles = Set(((try? req.content.get([String].self, at: "roles")) ?? []).compactMap(Role.init))
        return try await attempt(req, form: FormState(), notice: "admin.done.roles") {
            try await req.admin.setRoles(of: id, to: roles)
        }
    }

    /// Disables a person (#13): sessions end, tokens stop, the journal keeps the name.
    func disable(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.userId, as: UUID.self) else { throw Refusal.notFound(.user) }
        return try await attempt(req, form: FormState(), notice: "admin.done.disabled") {
            try await req.account.setDisabled(id, true)
        }
    }

    func enable(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.userId, as: UUID.self) else { throw Refusal.notFound(.user) }
        return try await attempt(req, form: FormState(), notice: "admin.done.enabled") {
            try await req.account.setDisabled(id, false)
        }
    }

    /// A temporary password, shown once on the answer (not after a redirect: it is not kept).
    func resetPassword(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.userId, as: UUID.self) else { throw Refusal.notFound(.user) }
        let password = try await req.account.resetPassword(of: id)
        let name = try await PeopleStore.name(of: id, on: req.db.sql()) ?? ""
        return try await render(req, form: FormState(), reset: Page.Reset(name: name, password: password))
    }

    static let slaFields = ["qualify", "resolve", "statusReport", "acknowledge"]

    func saveSLA(_ req: Request) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        var changes: [Severity: SeverityTargets] = [:]
        var form = FormState()
        for (name, value) in fields where Self.slaFields.contains(where: { name.hasSuffix(".\($0)") }) {
            form.values[name] = value
        }
        for severity in Severity.allCases {
            let key = severity.rawValue
            // Each duration on its own, so that every refused one is told next to its field.
            func duration(_ field: String, optional: Bool) -> ISODuration? {
                let text = (fields["\(key).\(field)"] ?? "").trimmingCharacters(in: .whitespaces)
                if optional && text.isEmpty { return nil }
                do {
                    return try DurationRule.typed(text, field: "\(key).\(field)")
                } catch {
                    form.errors["\(key).\(field)"] = req.durationProblem(error)
                    return nil
                }
            }
            let qualify = duration("qualify", optional: false)
            let resolve = duration("resolve", optional: false)
            let statusReport = duration("statusReport", optional: true)
            let acknowledge = severity >= .major ? duration("acknowledge", optional: true) : nil
            do {
                let promote = try FieldError.check { () throws(FieldError) in
                    try PromotionRule.check(fields["\(key).promoteAtDeadline"].map { $0 == "on" }, of: severity)
                }
                guard let qualify, let resolve else { continue }
                changes[severity] = SeverityTargets(
                    qualify: qualify, resolve: resolve, statusReport: statusReport, promoteAtDeadline: promote,
                    acknowledge: acknowledge)
            } catch {
                guard let error = APIError.refusing(error) else { throw error }
                form.errors["sla"] = req.t("admin.sla.invalid", req.t("severity.\(key)"), req.message(for: error))
            }
        }
        // The review's reminder, in working days (#16 point 5); left empty, it stays as it is.
        var reminder: Int?
        if let raw = fields["reviewReminder"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let days = Int(raw), SLASettings.reviewReminderRange.contains(days) {
                reminder = days
            } else {
                let most = String(SLASettings.reviewReminderRange.upperBound)
                form.errors["reviewReminder"] = req.t("admin.reviewReminder.invalid", most)
            }
        }
        guard form.errors.isEmpty else {
            return try await render(req, form: form, alert: req.t("form.fix"), status: .unprocessableEntity)
        }
        return try await attempt(req, form: form, notice: "admin.done.sla") {
            try await req.admin.saveSLA(changes)
            if let reminder { try await req.admin.saveReviewReminder(workingDays: reminder) }
        }
    }

    func createActivity(_ req: Request) async throws -> Response {
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        let rto = (try? req.content.get(String.self, at: "rto")) ?? ""
        let form = FormState(values: ["activityName": name, "rto": rto])
        // A duration's refusal is said for a duration, as on the activities' page.
        do {
            _ = try DurationRule.typed(rto, field: "rto")
        } catch {
            var form = form
            form.errors["rto"] = req.durationProblem(error)
            return try await render(req, form: form, alert: req.t("form.fix"), status: .unprocessableEntity)
        }
        return try await attempt(req, form: form, notice: "admin.done.activity", renameName: "activityName") {
            _ = try await req.admin.createActivity(name: name, rto: rto, notation: .typed)
        }
    }

    func addType(_ req: Request) async throws -> Response {
        let name = (try? req.content.get(String.self, at: "type")) ?? ""
        return try await attempt(req, form: FormState(values: ["type": name]), notice: "admin.done.type") {
            try await req.admin.addIncidentType(name)
        }
    }

    func removeType(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.typeId, as: UUID.self) else { throw Refusal.notFound(.incidentType) }
        return try await attempt(req, form: FormState(), notice: "admin.done.typeRemoved") {
            try await req.admin.removeIncidentType(id)
        }
    }

    /// Runs a change: back to the page with a notice, or the page again with the reason
    /// next to the field (403 for someone who is not an administrator).
    private func attempt(
        _ req: Request, form: FormState, notice: String, renameName: String? = nil, _ body: () async throws -> Void
    ) async throws -> Response {
        do {
            try await body()
            req.leaveNotice(notice)
            return req.redirect(to: .admin)
        } catch {
            // Refusals about the person or the thing asked for are pages of their own.
            guard let error = APIError.refusing(error), error.status != .forbidden, error.status != .notFound
            else { throw error }
            var form = form
            let field = error.field == "name" ? (renameName ?? "name") : (error.field ?? "")
            if form.values[field] != nil || ["password", "roles", "type"].contains(field) {
                form.errors[field] = req.message(for: error)
                return try await render(req, form: form, alert: req.t("form.fix"), status: error.status)
            }
            return try await render(req, form: form, alert: req.message(for: error), status: error.status)
        }
    }

    private func render(
        _ req: Request, form: FormState, alert: String? = nil, status: HTTPStatus = .ok, reset: Page.Reset? = nil
    ) async throws
        -> Response
    {
        let user = try req.actingPerson
        guard user.can(.manageUsers) || user.can(.manageSettings) else {
            throw LifecycleError.forbidden(.manageSettings)
        }
        let sql = try req.db.sql()
        let users = try await PeopleStore.all(peopleOnly: true, on: sql).map { person in
            Page.Person(
                id: person.id, name: person.name, email: person.email,
                roles: Role.allCases.map { .init(code: $0.rawValue, selected: person.roles.contains($0)) },
                disabled: person.disabled)
        }
        let chosen = Set((form.values["newRoles"] ?? "reporter").split(separator: ",").map(String.init))
        let settings = try await req.settings.sla()
        let sla = Severity.allCases.map { severity in
            let targets = settings.targets(for: severity)
            let severityName = req.t("severity.\(severity.rawValue)")
            func cell(_ field: String, _ saved: ISODuration?, required: Bool) -> Page.SLACell {
                let name = "\(severity.rawValue).\(field)"
                return Page.SLACell(
                    name: name, value: form.values[name] ?? saved.map(req.durationField) ?? "",
                    label: req.t("admin.sla.\(field).of", severityName), required: required, error: form.errors[name])
            }
            return Page.SLARow(
                severity: severity.rawValue, severityName: severityName,
                cells: [
                    cell("qualify", targets.qualify, required: true), cell("resolve", targets.resolve, required: true),
                    cell("statusReport", targets.statusReport, required: false),
                ],
                promotable: severity == .minor,
                promote: targets.promoteAtDeadline,
                acknowledge: severity >= .major
                    ? [cell("acknowledge", settings.acknowledgeDelay(for: severity), required: false)] : [])
        }
        let activities = try await SettingsStore.activities(on: sql).map {
            Page.Activity(name: $0.name, rto: req.duration(seconds: $0.rto.seconds))
        }
        let types = try await SettingsStore.incidentTypes(on: sql).map { Page.IncidentType(id: $0.id, name: $0.name) }
        let last = try await BackupLog.last(on: sql)
        let backup = Page.Backup(
            at: last.map { req.display($0.at) },
            size: last.map { Int64($0.bytes).formatted(.byteCount(style: .file).locale(req.pageLanguage.locale)) },
            stale: BackupSchedule.isStale(lastAt: last?.at, now: req.now),
            scheduled: !(Environment.get("RIPOSTE_BACKUP_DIR") ?? "").isEmpty)
        let page = Page(
            page: try await req.frame("admin.title", alert: alert), backup: backup, users: users,
            newRoles: Role.allCases.map { .init(code: $0.rawValue, selected: chosen.contains($0.rawValue)) }, sla: sla,
            reviewReminder: settings.reviewReminderWorkingDays,
            activities: activities, types: types, form: form, reset: reset)
        let response = try await req.view.render("admin", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
