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
        /// What the organisation wrote in the parts the template leaves to it (#20 point 3).
        public var sections: [PlanSection: String]
        /// Each severity's procedure as the organisation keeps it, and its playbooks with the
        /// titles of the documents and the names of the contacts they link to (#20 point 2).
        public var procedures: Procedures
        public var playbooks: [(playbook: Playbook, documents: [String], contacts: [String])]
        /// The ways to report that exist (#18 point 4), listed first in section 8.
        public var means: ReportingMeans

        public init(
            organisation: String, holders: [Role: [String]], contacts: [Contact], sla: SLASettings,
            activities: [(name: String, rto: ISODuration)],
            documents: [(kind: DocumentKind, title: String, version: String?)], sections: [PlanSection: String] = [:],
            procedures: Procedures = Procedures(),
            playbooks: [(playbook: Playbook, documents: [String], contacts: [String])] = [],
            means: ReportingMeans = ReportingMeans()
        ) {
            self.means = means
            self.sections = sections
            self.procedures = procedures
            self.playbooks = playbooks
            self.organisation = organisation
            self.holders = holders
            self.contacts = contacts
            self.sla = sla
            self.activities = activities
            self.documents = documents
        }
    }

    /// A published version's heading line: its number, day and author.
    public static func versionLine(
        number: Int, day: String, author: String, in language: Language, wording: some Wording
    ) -> String {
        "\(wording.text("plan.document.version", language, [])) \(number) — \(day) — \(author)"
    }

    static func flowKey(_ flow: NotificationFlow) -> (key: String, arguments: [String]) {
        let from = flow.from.rawValue.uppercased()
        let to = flow.to.rawValue.uppercased()
        switch flow.kind {
        case .alerts: return ("plan.document.flow.alerts", [from, to])
        case .informs: return ("plan.document.flow.informs", [from, to])
        }
    }

    static let headingKeys = [
        "title", "roles", "nobody", "contacts", "severities", "sla", "slaColumns", "activities", "flows", "documents",
        "none", "version", "flow.alerts", "flow.informs", "criteria", "reporting", "communication", "recovery",
        "notWritten", "playbooks", "playbook.types", "playbook.documents", "playbook.contacts",
    ]

    /// Every catalogue key the document uses.
    public static var textKeys: [String] {
        headingKeys.map { "plan.document.\($0)" } + ContactRank.allCases.map { "plan.document.rank.\($0.rawValue)" }
            + DocumentKind.allCases.map { "plan.document.kind.\($0.rawValue)" } + ReportingMeans.textKeys
    }

    /// A published plan without its sections 1 and 2 (who holds each role, the contact
    /// directory: names, e-mail addresses, phones), for readers who may not see the directory;
    /// `notice` takes their place. Sections are found by their numbers, which every language and
    /// every version published so far share. The playbooks' lines naming directory contacts
    /// (`contactsLine`, their label in the version's language) go too.
    public static func withoutDirectory(_ markdown: String, notice: String, contactsLine: String? = nil) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let contactsLine, line.hasPrefix("\(contactsLine): ") { continue }
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
    public static func markdown(
        _ facts: Facts, in language: Language, wording: some Wording, versionLine: String? = nil
    ) -> String {
        func t(_ key: String, _ arguments: [String] = []) -> String {
            wording.text("plan.document.\(key)", language, arguments)
        }
        func word(_ key: String) -> String { wording.text(key, language, []) }
        // "4 heures", not PT4H: the plan is read by people (#20 point 3).
        func duration(_ value: ISODuration) -> String {
            DurationText.words(value.seconds, in: language, wording: wording)
        }
        func numbered(_ steps: [ChecklistStep]) -> [String] {
            steps.enumerated().map { index, step in
                let role = step.role.map { " (\(word(NotificationText.roleKey($0))))" } ?? ""
                return "\(index + 1). \(step.words(in: language, wording: wording))\(role)"
            }
        }
        var lines = ["# \(t("title")) — \(facts.organisation)", ""]
        if let versionLine { lines += [versionLine, ""] }
        lines += ["## 1. \(t("roles"))", ""]
        for role in Role.allCases where role != .reporter {
            let names = facts.holders[role]?.sorted() ?? []
            lines.append(
                "- **\(word(NotificationText.roleKey(role)))**: \(names.isEmpty ? t("nobody") : names.joined(separator: ", "))"
            )
        }
        lines += ["", "## 2. \(t("contacts"))", ""]
        if facts.contacts.isEmpty { lines.append(t("none")) }
        for contact in facts.contacts {
            let party = contact.role.map { word(NotificationText.roleKey($0)) } ?? contact.party
            let details = contact.details.isEmpty ? "" : " (\(contact.details))"
            lines.append("- \(party) — \(t("rank.\(contact.rank.rawValue)")): \(contact.name)\(details)")
        }
        lines += ["", "## 3. \(t("severities"))", ""]
        for severity in Severity.allCases {
            lines += ["### \(word(NotificationText.severityKey(severity)))", ""]
            if let criteria = written(facts.sections[PlanSection.criteria(of: severity)]) {
                lines += ["**\(t("criteria"))**", ""] + embedded(criteria, under: 3) + [""]
            }
            lines += numbered(facts.procedures.steps(for: severity))
            lines.append("")
        }
        lines += ["## 4. \(t("sla"))", "", t("slaColumns"), "|---|---|---|---|"]
        for severity in Severity.allCases {
            let targets = facts.sla.targets(for: severity)
            lines.append(
                "| \(word(NotificationText.severityKey(severity))) | \(duration(targets.qualify)) | \(duration(targets.resolve)) | \(targets.statusReport.map(duration) ?? "—") |"
            )
        }
        lines += ["", "## 5. \(t("activities"))", ""]
        if facts.activities.isEmpty { lines.append(t("none")) }
        for activity in facts.activities { lines.append("- \(activity.name): RTO \(duration(activity.rto))") }
        lines += ["", "## 6. \(t("flows"))", ""]
        for flow in NotificationFlow.all {
            let (key, arguments) = flowKey(flow)
            lines.append("\(flow.number). \(wording.text(key, language, arguments))")
        }
        lines += ["", "## 7. \(t("documents"))", ""]
        if facts.documents.isEmpty { lines.append(t("none")) }
        for document in facts.documents {
            lines.append(
                "- \(document.title)\(document.version.map { " (v\($0))" } ?? "") — \(t("kind.\(document.kind.rawValue)"))"
            )
        }
        // The parts the template leaves to the organisation, as it wrote them.
        // How to report: the ways that exist, then what the organisation wrote about them.
        lines += ["", "## 8. \(t(PlanSection.reporting.rawValue))", ""]
        lines += facts.means.lines(in: language, wording: wording)
        if let reporting = written(facts.sections[.reporting]) { lines += [""] + embedded(reporting, under: 2) }
        for (number, section) in [(9, PlanSection.communication), (10, .recovery)] {
            lines += ["", "## \(number). \(t(section.rawValue))", ""]
            lines += written(facts.sections[section]).map { embedded($0, under: 2) } ?? [t("notWritten")]
        }
        lines += ["", "## 11. \(t("playbooks"))", ""]
        if facts.playbooks.isEmpty { lines.append(t("none")) }
        for (playbook, documents, contacts) in facts.playbooks {
            lines += ["### \(playbook.name) (v\(playbook.version))", ""]
            if !playbook.incidentTypes.isEmpty {
                lines += ["\(t("playbook.types")): \(playbook.incidentTypes.joined(separator: ", "))", ""]
            }
            lines += numbered(playbook.steps)
            for (key, names) in [("playbook.documents", documents), ("playbook.contacts", contacts)]
            where !names.isEmpty {
                lines += ["", "\(t(key)): \(names.joined(separator: ", "))"]
            }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"

    }

    private static func written(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    /// The organisation's text inside a section of level `level`: its own headings pushed
    /// below it (`#` becomes `###` under a `##`), so that it never breaks the plan's outline.
    static func embedded(_ text: String, under level: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.drop { $0 == " " }
            let hashes = trimmed.prefix { $0 == "#" }.count
            guard (1...6).contains(hashes), trimmed.dropFirst(hashes).first == " " else { return String(line) }
            return String(repeating: "#", count: min(6, hashes + level)) + trimmed.dropFirst(hashes)
        }
    }
}

/// When the plan asks to be looked at again: at least once a year, and after each incident
/// (chapter II: "au moins une fois par an et après chaque incident"); and when its procedures
/// were not practised for a year ("testées de manière approfondie", #20).
public enum PlanReminder: String, Sendable, Equatable {
    case neverPublished = "never_published"
    case olderThanAYear = "older_than_a_year"
    case incidentClosedSince = "incident_closed_since"
    case exerciseDue = "exercise_due"

    public static let year: TimeInterval = 365 * 86_400

    public static func reasons(
        lastPublishedAt: Date?, incidentsClosedSince: Int, lastExerciseAt: Date?, now: Date
    ) -> [PlanReminder] {
        var reasons: [PlanReminder] = []
        if let last = lastPublishedAt {
            if now.timeIntervalSince(last) >= year { reasons.append(.olderThanAYear) }
            if incidentsClosedSince > 0 { reasons.append(.incidentClosedSince) }
        } else {
            reasons.append(.neverPublished)
        }
        if exerciseDue(lastExerciseAt: lastExerciseAt, now: now) <= now { reasons.append(.exerciseDue) }
        return reasons
    }

    /// When the next exercise is due: a year after the last one began, or now when there was none.
    public static func exerciseDue(lastExerciseAt: Date?, now: Date) -> Date {
        lastExerciseAt.map { $0.addingTimeInterval(year) } ?? now
    }
}
