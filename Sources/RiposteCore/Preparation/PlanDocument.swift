import Foundation

/// The organisation's incident management plan, written by Riposte from what it knows
/// (#5): the organisation, who holds each role, the contacts, the severities and their
/// procedures, the SLA and RTO tables, the escalation flows and the reference documents.
/// Plain Markdown: readable as it is, on screen, on paper and in any tool.
public enum PlanDocument {
    public struct Facts: Sendable {
        public struct Contact: Sendable {
            public let party: String
            /// Set when the party is a role of the plan: its name is then written in the language.
            public let role: Role?
            public let rank: ContactRank
            public let name: String
            public let details: String

            public init(party: String, role: Role? = nil, rank: ContactRank, name: String, details: String) {
                self.party = party
                self.role = role
                self.rank = rank
                self.name = name
                self.details = details
            }
        }

        public var organisation: String
        public var holders: [Role: [String]]
        public var contacts: [Contact]
        public var sla: SLASettings
        public var activities: [(name: String, rto: ISODuration)]
        public var documents: [(kind: DocumentKind, title: String, version: String?)]

        public init(
            organisation: String, holders: [Role: [String]], contacts: [Contact], sla: SLASettings,
            activities: [(name: String, rto: ISODuration)],
            documents: [(kind: DocumentKind, title: String, version: String?)]
        ) {
            self.organisation = organisation
            self.holders = holders
            self.contacts = contacts
            self.sla = sla
            self.activities = activities
            self.documents = documents
        }
    }

    static func l(_ fr: String, _ en: String, _ nl: String) -> LocalizedText { LocalizedText(fr: fr, en: en, nl: nl) }

    static let title = l("Plan de gestion des incidents", "Incident management plan", "Incidentbeheerplan")
    static let rolesHeading = l("Rôles et titulaires", "Roles and who holds them", "Rollen en wie ze opneemt")
    static let nobody = l("personne", "nobody", "niemand")
    static let contactsHeading = l("Contacts (annexe 1)", "Contacts (annex 1)", "Contacten (bijlage 1)")
    static let severitiesHeading = l("Gravités et procédures", "Severities and procedures", "Ernst en procedures")
    static let slaHeading = l("Délais (SLA)", "Deadlines (SLA)", "Termijnen (SLA)")
    static let slaColumns = l(
        "| Gravité | Qualifier en | Résoudre en | Rapport de situation |",
        "| Severity | Qualify within | Resolve within | Status report every |",
        "| Ernst | Kwalificeren binnen | Oplossen binnen | Situatierapport elke |")
    static let activitiesHeading = l(
        "Activités essentielles et RTO", "Essential activities and RTO", "Essentiële activiteiten en RTO")
    static let flowsHeading = l(
        "Escalade et notifications (chapitre II)", "Escalation and notifications (chapter II)",
        "Escalatie en meldingen (hoofdstuk II)")
    static let documentsHeading = l(
        "Documents de référence (annexe 2)", "Reference documents (annex 2)", "Referentiedocumenten (bijlage 2)")
    static let none = l("Aucun.", "None.", "Geen.")

    static func rankName(_ rank: ContactRank) -> LocalizedText {
        switch rank {
        case .principal: l("principal", "principal", "hoofdcontact")
        case .backup: l("suppléant", "backup", "vervanger")
        case .other: l("autre", "other", "andere")
        }
    }

    static func kindName(_ kind: DocumentKind) -> LocalizedText {
        switch kind {
        case .riskAssessment: l("risk assessment", "risk assessment", "risk assessment")
        case .riskTreatment: l("risk treatment", "risk treatment", "risk treatment")
        case .bcp: l("plan de continuité (BCP)", "business continuity plan (BCP)", "bedrijfscontinuïteitsplan (BCP)")
        case .cmp: l("plan de gestion de crise (CMP)", "crisis management plan (CMP)", "crisisbeheerplan (CMP)")
        case .drp: l("plan de reprise (DRP)", "disaster recovery plan (DRP)", "herstelplan (DRP)")
        case .other: l("autre", "other", "ander")
        }
    }

    /// A published version's heading line: its number, day and author.
    public static func versionLine(number: Int, day: String, author: String, in language: Language) -> String {
        "\(l("Version", "Version", "Versie").text(in: language)) \(number) — \(day) — \(author)"
    }

    static func flowText(_ flow: NotificationFlow) -> LocalizedText {
        let from = flow.from.rawValue.uppercased()
        let to = flow.to.rawValue.uppercased()
        switch flow.kind {
        case .alerts:
            return l(
                "Le gestionnaire du \(from) avertit le gestionnaire du \(to).",
                "The \(from) manager alerts the \(to) manager.",
                "De beheerder van het \(from) verwittigt die van het \(to).")
        case .informs:
            return l(
                "Le gestionnaire du \(from) consulte et informe le gestionnaire du \(to).",
                "The \(from) manager consults and informs the \(to) manager.",
                "De beheerder van het \(from) raadpleegt en informeert die van het \(to).")
        }
    }

    /// A published plan without its sections 1 and 2 (who holds each role, the contact
    /// directory: names, e-mail addresses, phones), for readers who may not see the directory;
    /// `notice` takes their place. Sections are found by their numbers, which every language and
    /// every version published so far share.
    public static func withoutDirectory(_ markdown: String, notice: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## 1. ") {
                skipping = true
                kept += [Substring(notice), ""]
                continue
            }
            if skipping, line.hasPrefix("## ") && !line.hasPrefix("## 2. ") { skipping = false }
            if !skipping { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    /// The plan in one language, headed with its version line when it is published.
    public static func markdown(_ facts: Facts, in language: Language, versionLine: String? = nil) -> String {
        func t(_ text: LocalizedText) -> String { text.text(in: language) }
        var lines = ["# \(t(title)) — \(facts.organisation)", ""]
        if let versionLine { lines += [versionLine, ""] }
        lines += ["## 1. \(t(rolesHeading))", ""]
        for role in Role.allCases where role != .reporter {
            let names = facts.holders[role]?.sorted() ?? []
            lines.append(
                "- **\(t(NotificationText.roleName(role)))**: \(names.isEmpty ? t(nobody) : names.joined(separator: ", "))"
            )
        }
        lines += ["", "## 2. \(t(contactsHeading))", ""]
        if facts.contacts.isEmpty { lines.append(t(none)) }
        for contact in facts.contacts {
            let party = contact.role.map { t(NotificationText.roleName($0)) } ?? contact.party
            let details = contact.details.isEmpty ? "" : " (\(contact.details))"
            lines.append("- \(party) — \(t(rankName(contact.rank))): \(contact.name)\(details)")
        }
        lines += ["", "## 3. \(t(severitiesHeading))", ""]
        for severity in Severity.allCases {
            lines += ["### \(t(NotificationText.severityName(severity)))", ""]
            for step in Checklists.steps(for: severity) {
                lines.append("\(step.number). \(step.text.text(in: language))")
            }
            lines.append("")
        }
        lines += ["## 4. \(t(slaHeading))", "", t(slaColumns), "|---|---|---|---|"]
        for severity in Severity.allCases {
            let targets = facts.sla.targets(for: severity)
            lines.append(
                "| \(t(NotificationText.severityName(severity))) | \(targets.qualify) | \(targets.resolve) | \(targets.statusReport?.description ?? "—") |"
            )
        }
        lines += ["", "## 5. \(t(activitiesHeading))", ""]
        if facts.activities.isEmpty { lines.append(t(none)) }
        for activity in facts.activities { lines.append("- \(activity.name): RTO \(activity.rto)") }
        lines += ["", "## 6. \(t(flowsHeading))", ""]
        for flow in NotificationFlow.all { lines.append("\(flow.number). \(t(flowText(flow)))") }
        lines += ["", "## 7. \(t(documentsHeading))", ""]
        if facts.documents.isEmpty { lines.append(t(none)) }
        for document in facts.documents {
            lines.append(
                "- \(document.title)\(document.version.map { " (v\($0))" } ?? "") — \(t(kindName(document.kind)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// When the plan asks to be looked at again: at least once a year, and after each incident
/// (chapter II: "au moins une fois par an et après chaque incident").
public enum PlanReminder: String, Sendable, Equatable {
    case neverPublished = "never_published"
    case olderThanAYear = "older_than_a_year"
    case incidentClosedSince = "incident_closed_since"

    public static func reasons(lastPublishedAt: Date?, incidentsClosedSince: Int, now: Date) -> [PlanReminder] {
        guard let last = lastPublishedAt else { return [.neverPublished] }
        var reasons: [PlanReminder] = []
        if now.timeIntervalSince(last) >= 365 * 86_400 { reasons.append(.olderThanAYear) }
        if incidentsClosedSince > 0 { reasons.append(.incidentClosedSince) }
        return reasons
    }
}
