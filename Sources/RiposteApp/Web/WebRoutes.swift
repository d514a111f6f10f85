import Vapor

/// The pages (#3): setup and sign-in, then everything else behind a session. Every POST
/// carries the session's CSRF token.
func webRoutes(_ app: Application) throws {
    let web = app.grouped(app.sessions.middleware, OrganisationMiddleware(), SessionAuthenticator(), CSRFMiddleware())

    let setup = SetupController()
    web.get("setup", use: setup.show)
    web.post("setup", use: setup.submit)

    let configured = web.grouped(RequireSetupDone())
    let signIn = SignInController()
    configured.get("login", use: signIn.show)
    configured.post("login", use: signIn.submit)
    configured.post("logout", use: signIn.logout)

    let pages = configured.grouped(RequireSignIn())
    pages.get(use: DashboardController().show)
    pages.get("incidents", use: RegisterController().show)
    let report = ReportController()
    pages.get("incidents", "new", use: report.show)
    pages.post("incidents", "new", use: report.submit)
    let incident = IncidentPageController()
    pages.get("incidents", ":number", use: incident.show)
    pages.get("incidents", ":number", "print", use: incident.print)
    pages.post("incidents", ":number", "qualify", use: incident.qualify)
    pages.post("incidents", ":number", "transition", use: incident.transition)
    pages.post("incidents", ":number", "journal", use: incident.journal)
    pages.post("incidents", ":number", "checklist", ":itemId", use: incident.checklist)
    pages.post("incidents", ":number", "status-report", use: incident.statusReport)
    pages.post("incidents", ":number", "plans", ":plan", use: incident.plan)
    pages.post("incidents", ":number", "clock", use: incident.clock)
    let notifications = NotificationsPageController()
    pages.get("notifications", use: notifications.show)
    pages.post("notifications", ":id", "read", use: notifications.markRead)
    pages.post("language", use: notifications.chooseLanguage)
    let admin = AdminController()
    pages.get("admin", use: admin.show)
    pages.post("admin", "users", use: admin.createUser)
    pages.post("admin", "users", ":userId", "roles", use: admin.setRoles)
    pages.post("admin", "sla", use: admin.saveSLA)
    pages.post("admin", "activities", use: admin.createActivity)
    pages.post("admin", "types", use: admin.addType)
    pages.post("admin", "types", ":typeId", "delete", use: admin.removeType)
}
