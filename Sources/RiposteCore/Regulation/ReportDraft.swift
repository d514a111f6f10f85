import Foundation

/// The draft of what a step of the law sends (#17 point 4), pre-filled from the incident:
/// GDPR art. 33(3) (a)–(d) for the authority, art. 34 in plain words for the people concerned,
/// NIS2's early warning, notification and final report, DORA's initial, intermediate and final
/// reports. Markdown, in the organisation's language, with the catalogues' words
/// (`report.…`); what the incident cannot say is left as a line to complete. Handlers edit it
/// and record what they sent: the submission keeps that version.
public enum ReportDraft {
    /// What the incident says, as the draft needs it; times already written for the reader.
    public struct Facts: Sendable {
        public var organisation: String
        public var number: String
        public var title: String
        public var description: String
        public var type: String
        public var severity: Severity?
        public var status: IncidentStatus
        public var reportedAt: String
        public var detectedAt: String
        public var resolvedAt: String
        public var awareAt: String
        public var classifiedAt: String
        public var expectedRecoveryAt: String
        public var impact: String
        public var activities: [String]
        public var customersAffected: Bool
        public var parties: [String]
        /// The actions taken, oldest first (the journal's `action` entries).
        public var actions: [String]
        public var privacyContact: String
        public var authority: String
        public var assessment: RegulatoryAssessment
        /// The deadline is past: the notification gives the reasons for the delay.
        public var late: Bool

        public init(
            organisation: String, number: String, title: String, description: String, type: String,
            severity: Severity?, status: IncidentStatus, reportedAt: String, detectedAt: String, resolvedAt: String,
            awareAt: String, classifiedAt: String, expectedRecoveryAt: String, impact: String, activities: [String],
            customersAffected: Bool, parties: [String], actions: [String], privacyContact: String, authority: String,
            assessment: RegulatoryAssessment, late: Bool
        ) {
            self.organisation = organisation
            self.number = number
            self.title = title
            self.description = description
            self.type = type
            self.severity = severity
            self.status = status
            self.reportedAt = reportedAt
            self.detectedAt = detectedAt
            self.resolvedAt = resolvedAt
            self.awareAt = awareAt
            self.classifiedAt = classifiedAt
            self.expectedRecoveryAt = expectedRecoveryAt
            self.impact = impact
            self.activities = activities
            self.customersAffected = customersAffected
            self.parties = parties
            self.actions = actions
            self.privacyContact = privacyContact
            self.authority = authority
            self.assessment = assessment
            self.late = late
        }
    }

    /// The draft of `step` in `language`.
    public static func markdown(
        _ step: ObligationStep, _ facts: Facts, in language: Language, wording: some Wording
    ) -> String {
        func t(_ key: String, _ arguments: [String] = []) -> String { wording.text(key, language, arguments) }
        let missing = "**[" + t("report.toComplete") + "]**"
        func value(_ text: String) -> String { text.isEmpty ? missing : text }
        func yesNo(_ flag: Bool?) -> String { t(flag == true ? "report.yes" : "report.no") }
        // "Label : value" in French, "Label: value" in English and Dutch.
        func line(_ label: String, _ text: String) -> String { "- " + t("report.line", [label, text]) }
        var lines = [
            "# " + t("obligation.step.\(step.rawValue)"), "",
            t("report.incident", [facts.number, facts.title]), "",
            line(t("report.organisation"), value(facts.organisation)),
        ]
        if step.toAuthority { lines.append(line(t("report.to"), value(facts.authority))) }
        lines += [
            line(t("report.awareAt"), value(facts.awareAt)),
            line(t("report.reportedAt"), value(facts.reportedAt)),
        ]
        if !facts.detectedAt.isEmpty { lines.append(line(t("report.detectedAt"), facts.detectedAt)) }
        lines.append("")
        func section(_ key: String, _ body: [String]) {
            lines += ["## " + t(key), ""] + body + [""]
        }
        func list(_ items: [String]) -> [String] { items.isEmpty ? [missing] : items.map { "- " + $0 } }
        let data = facts.assessment.personalData
        let measures = (data.map { $0.measures.isEmpty ? [] : [$0.measures] } ?? []) + facts.actions
        switch step {
        case .gdprAuthority:
            var nature = [value(facts.description), ""]
            nature.append(line(t("breach.column.dataCategories"), value(data?.dataCategories ?? "")))
            nature.append(line(t("breach.column.subjectCategories"), value(data?.subjectCategories ?? "")))
            nature.append(
                line(t("breach.column.approximateSubjects"), value(data?.approximateSubjects.map(String.init) ?? "")))
            nature.append(
                line(t("breach.column.approximateRecords"), value(data?.approximateRecords.map(String.init) ?? "")))
            section("report.gdpr.a", nature)
            section("report.gdpr.b", [value(facts.privacyContact)])
            section("report.gdpr.c", [value(data?.consequences ?? "")])
            section("report.gdpr.d", list(measures))
            section(
                "report.risk",
                [
                    t("assessment.risk.\((data?.risk ?? .risk).rawValue)")
                        + (data?.encrypted == true ? " — " + t("breach.column.encrypted") : "")
                ])
            if facts.late { section("report.delay", [missing]) }
            section("report.phases", [t("report.phases.text")])
        case .gdprDataSubjects:
            section("report.people.what", [value(facts.description)])
            section("report.people.data", [value(data?.dataCategories ?? "")])
            section("report.people.consequences", [value(data?.consequences ?? "")])
            section("report.people.measures", list(measures))
            section("report.people.advice", [missing])
            section("report.people.contact", [value(facts.privacyContact)])
        case .nis2EarlyWarning:
            section("report.description", [value(facts.description)])
            section(
                "report.nis2.earlyWarning",
                [
                    line(t("assessment.nis2.suspectedMalicious"), yesNo(facts.assessment.nis2?.suspectedMalicious)),
                    line(t("assessment.nis2.crossBorder"), yesNo(facts.assessment.nis2?.crossBorder)),
                ])
            section("report.contact", [value(facts.privacyContact)])
        case .nis2Notification, .nis2FinalReport, .doraInitial, .doraIntermediate, .doraFinal:
            section("report.description", [value(facts.description)])
            var impact = [
                line(t("report.severity"), value(facts.severity.map { t("severity.\($0.rawValue)") } ?? "")),
                line(t("report.impact"), value(facts.impact)),
                line(t("report.activities"), value(facts.activities.joined(separator: ", "))),
                line(t("report.customersAffected"), yesNo(facts.customersAffected)),
            ]
            if !facts.parties.isEmpty {
                impact.append(line(t("report.parties"), facts.parties.joined(separator: ", ")))
            }
            if let nis2 = facts.assessment.nis2, step.regime == .nis2 {
                for (key, flag) in [
                    ("severeDisruption", nis2.severeDisruption), ("financialLoss", nis2.financialLoss),
                    ("damageToOthers", nis2.damageToOthers), ("crossBorder", nis2.crossBorder),
                ] {
                    impact.append(line(t("assessment.nis2.\(key)"), yesNo(flag)))
                }
            }
            if step.regime == .dora {
                impact.insert(line(t("report.classifiedAt"), value(facts.classifiedAt)), at: 0)
            }
            section("report.severityAndImpact", impact)
            switch step {
            case .nis2Notification: section("report.indicators", [missing])
            case .nis2FinalReport, .doraFinal:
                section("report.rootCause", [value(facts.type), missing])
                if !facts.resolvedAt.isEmpty { section("report.resolvedAt", [facts.resolvedAt]) }
            case .doraIntermediate:
                section(
                    "report.status",
                    [
                        t("status.\(facts.status.rawValue)"),
                        t("report.line", [t("report.expectedRecovery"), value(facts.expectedRecoveryAt)]),
                    ])
            default: break
            }
            section("report.measures", list(measures))
            if step == .nis2FinalReport {
                section("report.crossBorder", [yesNo(facts.assessment.nis2?.crossBorder)])
            }
            section("report.contact", [value(facts.privacyContact)])
        }
        return lines.joined(separator: "\n")
    }

    /// Every catalogue key a draft uses.
    public static let textKeys = [
        "report.toComplete", "report.yes", "report.no", "report.line", "report.incident", "report.organisation",
        "report.to",
        "report.awareAt", "report.reportedAt", "report.detectedAt", "report.gdpr.a", "report.gdpr.b", "report.gdpr.c",
        "report.gdpr.d", "report.risk", "report.delay", "report.phases", "report.phases.text", "report.people.what",
        "report.people.data", "report.people.consequences", "report.people.measures", "report.people.advice",
        "report.people.contact", "report.description", "report.nis2.earlyWarning", "report.contact",
        "report.severity", "report.impact", "report.activities", "report.customersAffected", "report.parties",
        "report.classifiedAt", "report.severityAndImpact", "report.indicators", "report.rootCause",
        "report.resolvedAt", "report.status", "report.expectedRecovery", "report.measures", "report.crossBorder",
    ]
}
