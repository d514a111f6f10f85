/// The words of a notification in French, English and Dutch: e-mail subject and body, the
/// in-app list and the chat webhooks all say the same thing.
public enum NotificationText {
    public static func subject(_ event: NotificationEvent, in language: Language) -> String {
        "[\(event.incidentNumber)] " + headline(event).text(in: language)
    }

    /// The message: what happened, why the reader gets it, and the incident's title.
    public static func body(
        _ event: NotificationEvent, for recipient: NotificationRecipient?, in language: Language
    )
        -> String
    {
        var lines = [headline(event).text(in: language), "", "\(event.incidentNumber) — \(event.incidentTitle)"]
        if let severity = event.severity {
            lines.append(severityLabel.text(in: language) + ": " + severityName(severity).text(in: language))
        }
        if let recipient {
            var reason = addressedTo.text(in: language) + ": " + roleName(recipient.role).text(in: language)
            if let flow = recipient.flow { reason += " (" + flowLabel.text(in: language) + " \(flow))" }
            lines.append(reason)
        }
        return lines.joined(separator: "\n")
    }

    static func headline(_ event: NotificationEvent) -> LocalizedText {
        switch event.kind {
        case .escalated: escalationText(event.escalation)
        case .planActivated: planSentence(event.plan, fr: "activé", en: "activated", nl: "geactiveerd")
        case .planDeactivated: planSentence(event.plan, fr: "désactivé", en: "stood down", nl: "gedeactiveerd")
        case .planCloseAgreed:
            LocalizedText(
                fr: "Accord du gestionnaire du \(planCode(event.plan)) pour clôturer l'incident",
                en: "The \(planCode(event.plan)) manager agrees to close the incident",
                nl: "De beheerder van het \(planCode(event.plan)) stemt in met het afsluiten van het incident")
        }
    }

    static func escalationText(_ kind: String?) -> LocalizedText {
        switch kind.flatMap(Escalation.Kind.init(rawValue:)) {
        case .minorBecomesMajor:
            LocalizedText(
                fr: "Incident mineur non résolu dans le délai : il devient majeur",
                en: "Minor incident not resolved in time: it is now major",
                nl: "Klein incident niet op tijd opgelost: het is nu groot")
        case .majorOverdue:
            LocalizedText(
                fr: "Incident majeur non résolu dans le délai : décider de l'activation du plan de gestion de crise",
                en: "Major incident not resolved in time: decide whether to activate the crisis management plan",
                nl: "Groot incident niet op tijd opgelost: beslis over het activeren van het crisisbeheerplan")
        case .recoveryBeyondRTO:
            LocalizedText(
                fr: "Reprise prévue au-delà du RTO d'une activité essentielle",
                en: "Expected recovery beyond an essential activity's RTO",
                nl: "Verwacht herstel later dan de RTO van een essentiële activiteit")
        case .statusReportMissed:
            LocalizedText(
                fr: "Rapport de situation au gestionnaire de crise en retard",
                en: "Status report to the crisis manager overdue",
                nl: "Situatierapport aan de crisisbeheerder te laat")
        case .qualificationOverdue:
            LocalizedText(
                fr: "Incident non qualifié dans le délai",
                en: "Incident not qualified in time",
                nl: "Incident niet op tijd gekwalificeerd")
        case nil:
            LocalizedText(fr: "Escalade", en: "Escalation", nl: "Escalatie")
        }
    }

    static func planSentence(_ plan: ResponsePlan?, fr: String, en: String, nl: String) -> LocalizedText {
        let code = planCode(plan)
        return LocalizedText(fr: "\(code) \(fr)", en: "\(code) \(en)", nl: "\(code) \(nl)")
    }

    static func planCode(_ plan: ResponsePlan?) -> String { plan?.rawValue.uppercased() ?? "" }

    static let severityLabel = LocalizedText(fr: "Gravité", en: "Severity", nl: "Ernst")
    static let addressedTo = LocalizedText(fr: "Destinataire", en: "Sent to you as", nl: "Aan u als")
    static let flowLabel = LocalizedText(fr: "flux", en: "flow", nl: "stroom")

    public static func severityName(_ severity: Severity) -> LocalizedText {
        switch severity {
        case .low: LocalizedText(fr: "bas", en: "low", nl: "laag")
        case .minor: LocalizedText(fr: "mineur", en: "minor", nl: "klein")
        case .major: LocalizedText(fr: "majeur", en: "major", nl: "groot")
        case .crisis: LocalizedText(fr: "crise", en: "crisis", nl: "crisis")
        }
    }

    public static func roleName(_ role: Role) -> LocalizedText {
        switch role {
        case .reporter: LocalizedText(fr: "déclarant", en: "reporter", nl: "melder")
        case .helpdeskOperator:
            LocalizedText(fr: "opérateur helpdesk", en: "helpdesk operator", nl: "helpdeskmedewerker")
        case .helpdeskManager:
            LocalizedText(fr: "responsable helpdesk", en: "helpdesk manager", nl: "helpdeskverantwoordelijke")
        case .incidentManager:
            LocalizedText(fr: "gestionnaire des incidents", en: "incident manager", nl: "incidentbeheerder")
        case .responseTeam:
            LocalizedText(fr: "équipe d'intervention", en: "incident response team", nl: "interventieteam")
        case .continuityManager:
            LocalizedText(fr: "gestionnaire du BCP", en: "business continuity manager", nl: "BCP-beheerder")
        case .crisisManager: LocalizedText(fr: "gestionnaire de crise", en: "crisis manager", nl: "crisisbeheerder")
        case .recoveryManager:
            LocalizedText(fr: "gestionnaire du DRP", en: "disaster recovery manager", nl: "DRP-beheerder")
        case .admin: LocalizedText(fr: "administrateur", en: "administrator", nl: "beheerder")
        }
    }
}
