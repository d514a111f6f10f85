import LeafKit
import Vapor

/// `#route("name", value…)`: the path of one of Riposte's pages or forms, from `Route`. An unknown
/// name or a wrong number of values fails the page's rendering (and its tests), never a link.
struct RouteTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let name = ctx.parameters.first?.string,
            let route = Route(name: name, ctx.parameters.dropFirst().map { $0.string ?? "" })
        else { throw LeafError(.unknownError("#route: \(ctx.parameters.map { $0.string ?? "?" })")) }
        return .string(route.url)
    }
}

extension Route {
    /// The route a template names, with its values in order; nil for a name or count it does not know.
    init?(name: String, _ values: [String]) {
        switch (name, values.count) {
        case ("home", 0): self = .home
        case ("signIn", 0): self = .signIn()
        case ("signOut", 0): self = .signOut
        case ("setup", 0): self = .setup
        case ("language", 0): self = .language
        case ("account", 0): self = .account
        case ("accountPassword", 0): self = .accountPassword
        case ("accountReachability", 0): self = .accountReachability
        case ("endSession", 1): self = .endSession(id: values[0])
        case ("tokens", 0): self = .tokens
        case ("revokeToken", 1): self = .revokeToken(id: values[0])
        case ("calendarFeed", 0): self = .calendarFeed
        case ("calendarFeedRevoke", 0): self = .calendarFeedRevoke
        case ("register", let count) where count.isMultiple(of: 2):
            // Name and value pairs: the register's filters.
            self = .register(
                stride(from: 0, to: count, by: 2).map { URLQueryItem(name: values[$0], value: values[$0 + 1]) })
        case ("newReport", 0): self = .newReport
        case ("incident", 1): self = .incident(number: values[0])
        case ("incidentPrint", 1): self = .incidentPrint(number: values[0])
        case ("incidentForm", 2):
            guard let form = IncidentForm(rawValue: values[1]) else { return nil }
            self = .incidentForm(number: values[0], form)
        case ("checklistStep", 2): self = .checklistStep(number: values[0], item: values[1])
        case ("incidentPlan", 2): self = .incidentPlan(number: values[0], plan: values[1])
        case ("review", 1): self = .review(number: values[0])
        case ("reviewPrint", 1): self = .reviewPrint(number: values[0])
        case ("reviewMarkdown", 1): self = .reviewMarkdown(number: values[0])
        case ("assessment", 1): self = .assessment(number: values[0])
        case ("exerciseReport", 1): self = .exerciseReport(number: values[0])
        case ("obligationSubmission", 2): self = .obligationSubmission(number: values[0], step: values[1])
        case ("obligationDecision", 2): self = .obligationDecision(number: values[0], step: values[1])
        case ("obligationDraft", 2): self = .obligationDraft(number: values[0], step: values[1])
        case ("obligationDraftMarkdown", 2): self = .obligationDraftMarkdown(number: values[0], step: values[1])
        case ("breaches", 0): self = .breaches
        case ("breachesExport", 0): self = .breachesExport
        case ("regulation", 0): self = .regulation
        case ("notifications", 0): self = .notifications
        case ("notificationRead", 1): self = .notificationRead(id: values[0])
        case ("notificationAcknowledge", 1): self = .notificationAcknowledge(id: values[0])
        case ("incidentAlertAcknowledge", 2): self = .incidentAlertAcknowledge(number: values[0], id: values[1])
        case ("contacts", 0): self = .contacts
        case ("contactForm", 2):
            guard let form = ContactForm(rawValue: values[1]) else { return nil }
            self = .contactForm(id: values[0], form)
        case ("documents", 0): self = .documents
        case ("documentFile", 1): self = .documentFile(id: values[0])
        case ("plan", 0): self = .plan
        case ("planVersion", 1):
            guard let number = Int(values[0]) else { return nil }
            self = .planVersion(number)
        case ("planPublish", 0): self = .planPublish
        case ("planAcknowledge", 0): self = .planAcknowledge
        case ("planSection", 1): self = .planSection(key: values[0])
        case ("playbooks", 0): self = .playbooks
        case ("integrations", 0): self = .integrations
        case ("integrationForm", 2):
            guard let form = ContactForm(rawValue: values[1]) else { return nil }
            self = .integrationForm(id: values[0], form)
        case ("reportLinkForm", 2):
            guard let form = ReportLinkForm(rawValue: values[1]) else { return nil }
            self = .reportLinkForm(id: values[0], form)
        case ("reportingMeans", 0): self = .reportingMeans
        case ("publicReport", 1): self = .publicReport(token: values[0])
        case ("publicFollow", 1): self = .publicFollow(token: values[0])
        case ("playbookChecklist", 1): self = .playbookChecklist(key: values[0])
        case ("playbookReviewQuestions", 0): self = .playbookReviewQuestions
        case ("playbookForm", 2):
            guard let form = ContactForm(rawValue: values[1]) else { return nil }
            self = .playbookForm(id: values[0], form)
        case ("lessons", 0): self = .lessons
        case ("indicators", 0): self = .indicators
        case ("followUps", 0): self = .followUps
        case ("followUpDone", 1): self = .followUpDone(id: values[0])
        case ("admin", 0): self = .admin
        case ("gettingReady", 0): self = .gettingReady
        case ("gettingReadyTestEmail", 0): self = .gettingReadyTestEmail
        case ("messageTemplates", 0): self = .messageTemplates
        case ("users", 0): self = .users
        case ("userForm", 2):
            guard let form = UserForm(rawValue: values[1]) else { return nil }
            self = .userForm(id: values[0], form)
        case ("sla", 0): self = .sla
        case ("activities", 0): self = .activities
        case ("essentialActivities", 0): self = .essentialActivities
        case ("essentialActivity", 2):
            guard let form = ActivityForm(rawValue: values[1]) else { return nil }
            self = .essentialActivity(id: values[0], form)
        case ("types", 0): self = .types
        case ("typeDelete", 1): self = .typeDelete(id: values[0])
        default: return nil
        }
    }
}
