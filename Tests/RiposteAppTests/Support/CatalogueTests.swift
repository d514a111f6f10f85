import Foundation
import RiposteCore
import Testing

@testable import RiposteApp

/// Every text Riposte shows or sends comes from the catalogues: a key missing in one language,
/// used nowhere, or used without being defined fails here.
@Suite("Catalogues fr, en, nl")
struct CatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let web = root.appendingPathComponent("Sources/RiposteApp/Web")
    static let app = root.appendingPathComponent("Sources/RiposteApp")

    /// Keys built from a value at run time (`#tk("status", …)`, `error.<code>`…): each family
    /// is expected for every value of its domain type.
    static var families: Set<String> {
        var keys = Set<String>()
        func add(_ prefix: String, _ values: [String]) { keys.formUnion(values.map { "\(prefix).\($0)" }) }
        add("severity", Severity.allCases.map(\.rawValue) + ["none"])
        add("status", IncidentStatus.allCases.map(\.rawValue))
        add("move", IncidentStatus.allCases.filter { $0 != .qualified }.map(\.rawValue))
        add("stage", PlanStage.allCases.map(\.key))
        add("channel", ReportChannel.allCases.map(\.rawValue))
        add("journal", JournalKind.allCases.map(\.rawValue))
        add("language", Language.allCases.map(\.rawValue))
        add("role", Role.allCases.map(\.rawValue))
        add("party", PartyKind.allCases.map(\.rawValue))
        add("rank", ContactRank.allCases.map(\.rawValue))
        add("direction", CommunicationDirection.allCases.map(\.rawValue))
        add("media", CommunicationMedia.allCases.map(\.rawValue))
        add("document", DocumentKind.allCases.map(\.rawValue))
        add("relation", PartyRelation.allCases.map(\.rawValue))
        add("plan.reminder", ["never_published", "older_than_a_year", "incident_closed_since", "exercise_due"])
        add("exercise", ["mark"])
        add("plan.section", PlanSection.allCases.map(\.rawValue))
        add("indicators", ["durations", "period", "reviews.value", "followUps.value", "obligations.value"])
        add("exercise.channel", ExerciseChannel.allCases.map(\.rawValue))
        add("exercise.step", ExerciseReport.Step.Kind.allCases.map(\.rawValue))
        add("plan.activate", ResponsePlan.activatable.map(\.rawValue))
        add("plan.deactivate", ResponsePlan.allCases.map(\.rawValue))
        add("plan.agree", ResponsePlan.closingNeedsAgreement.map(\.rawValue))
        add("plan.decline", ResponsePlan.activatable.map(\.rawValue))
        add("plan.decline.reason", ResponsePlan.activatable.map(\.rawValue))
        add("plan.involvement", PlanInvolvement.allCases.map(\.rawValue))
        add("incident.alerts.stage", Acknowledgement.Stage.allCases.map(\.key))
        add("notifications.kind", NotificationEventKind.allCases.map(\.rawValue))
        add("error", APIError.allCodes)
        // The API's refusals: by subject, and by the problem of a field.
        add("api.not_found", Refusal.Subject.allCases.map(\.rawValue))
        add("api.already_exists", Refusal.Subject.allCases.map(\.rawValue))
        add("api.field", ["required", "too_long", "too_many", "out_of_range", "invalid", "unknown", "too_common"])
        add("escalation", Escalation.Kind.allCases.map(\.rawValue))
        add("journal.summary.alert", ["firing", "resolved"])
        add("integrations.kind", ["alertmanager", "events"])
        add("public.stage", PublicStage.allCases.map(\.rawValue))
        add("public", ["wait", "wait.follow"])
        add("incident.done.plan", IncidentActions.PlanAction.allCases.map(\.rawValue))
        add("incident.done.clock", ["pause", "resume"])
        add("export.column", RegisterExport.columns)
        add("register.paper.column", RegisterExport.paperColumns)
        add("register.paper", ["title", "back", "ongoing", "duration", "impact", "activities", "resources"])
        add("deadline", RunningDeadline.Kind.allCases.map(\.rawValue))
        add("message.kind", MessageKind.allCases.map(\.rawValue))
        add("setup.roles.choice", SetupRoles.allCases.map(\.rawValue))
        add("message.template", MessageKind.allCases.flatMap { ["\($0.rawValue).subject", "\($0.rawValue).body"] })
        add("message.delivery", ["pending", "delivered", "failed"])
        add("withheld.action", ActionOffer.everyAction.filter { !$0.contains(".") })
        add("ready.item", GettingReady.Item.allCases.map(\.rawValue))
        add("admin.sla", AdminController.slaFields.map { "\($0).of" })
        add("obligation.step", ObligationStep.allCases.map(\.rawValue))
        add("assessment.risk", RegulatoryAssessment.Risk.allCases.map(\.rawValue))
        add("breach.column", BreachRegister.columns)
        add("assessment.state", ["open", "submitted", "not_notified"])
        add("assessment.record", ObligationRecord.Kind.allCases.map(\.rawValue))
        add("assessment.regime", Regime.allCases.map(\.rawValue))
        add("regulation.nis2", NIS2Entity.allCases.map(\.rawValue))
        add("regulation.country", RegulationSettings.Country.allCases.map(\.rawValue))
        add("breach.outcome", ["sent", "not_notified", "not_required", "open"])
        add("duration.amount", DurationText.Unit.allCases.flatMap { ["\($0.rawValue).one", "\($0.rawValue).other"] })
        // The core names its texts by key: procedures, review form, notifications, plan document.
        keys.formUnion(DemoScenario.textKeys + DemoSeed.otherKeys)
        keys.formUnion(Checklists.textKeys + ReviewForm.textKeys + NotificationText.textKeys + PlanDocument.textKeys)
        keys.formUnion(ReportDraft.textKeys + CalendarFeed.textKeys)
        return keys
    }

    /// Keys written literally in templates (`#t("…")`) and in Swift (`t("…")`, notices, titles).
    static func literalKeys() throws -> Set<String> {
        var keys = Set<String>()
        let patterns = [
            #"#t\("([a-zA-Z0-9_.]+)""#, #"\bt\("([a-zA-Z0-9_.]+)""#, #"leaveNotice\("([a-zA-Z0-9_.]+)""#,
            #"frame\("([a-zA-Z0-9_.]+)""#, #"messageKey: "([a-zA-Z0-9_.]+)""#, #""(error\.heading[a-zA-Z.]*)""#,
            #"return "((?:incident\.done|playbooks)\.[a-zA-Z0-9_.]+)""#, #"notice: "([a-zA-Z0-9_.]+)""#,
            #"\? "(review\.rto\.[a-z]+)""#, #"#exercise\([a-z.]+, "([a-zA-Z0-9_.]+)""#,
            #": "(review\.rto\.[a-z]+)""#,
        ]
        // The API's messages and the command line's words, anywhere in the app: `"api.…"`, `"cli.…"`.
        let apiAndCommands = [#""((?:api|cli)\.[a-zA-Z0-9_.]+)""#, #"wording\.text\("([a-zA-Z0-9_.]+)""#]
        let files = FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil)!
        for case let file as URL in files where ["leaf", "swift"].contains(file.pathExtension) {
            let isPage = file.path.hasPrefix(web.path)
            // Comments may quote a key as an example: only code counts.
            let text = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for pattern in isPage ? patterns + apiAndCommands : apiAndCommands {
                let regex = try NSRegularExpression(pattern: pattern)
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    keys.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        return keys
    }

    @Test("the three languages have the same keys") func sameKeys() throws {
        let catalogue = try Catalogue.load()
        let french = Set(catalogue.texts[.fr]!.keys)
        for language in Language.allCases {
            let keys = Set(catalogue.texts[language]!.keys)
            #expect(
                keys == french, "\(language): missing \(french.subtracting(keys)), extra \(keys.subtracting(french))")
            #expect(catalogue.texts[language]!.values.allSatisfy { !$0.isEmpty })
        }
    }

    @Test("every key used exists, and every key is used") func usedAndDefined() throws {
        let defined = Set(try Catalogue.load().texts[.fr]!.keys)
        let used = try Self.literalKeys().union(Self.families)
        #expect(used.subtracting(defined).isEmpty, "used but not defined: \(used.subtracting(defined).sorted())")
        #expect(defined.subtracting(used).isEmpty, "defined but never used: \(defined.subtracting(used).sorted())")
    }

    @Test("placeholders agree across languages") func placeholders() throws {
        let catalogue = try Catalogue.load()
        for (key, french) in catalogue.texts[.fr]! {
            let expected = Self.placeholders(french)
            for language in Language.allCases {
                #expect(Self.placeholders(catalogue.texts[language]![key]!) == expected, "\(language) \(key)")
            }
        }
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set((0..<4).map { "{\($0)}" }.filter(text.contains))
    }
}

/// The words the core asks for by key, as the catalogues give them.
@Suite("The core's texts in the catalogues")
struct CoreWordingTests {
    static let catalogue = try! Catalogue.load()

    @Test("in French the severities are the plan's own words: Faible, Mineur, Majeur, Crise (#15)")
    func planWordsForSeverities() {
        let words = Severity.allCases.map { Self.catalogue.text("severity.\($0.rawValue)", .fr) }
        #expect(words == ["Faible", "Mineur", "Majeur", "Crise"])
        let inMessages = Severity.allCases.map { Self.catalogue.text(NotificationText.severityKey($0), .fr) }
        #expect(inMessages == ["faible", "mineur", "majeur", "crise"])
    }

    @Test("every procedure step reads differently in each language") func checklists() {
        for key in Checklists.textKeys {
            let words = Language.allCases.map { Self.catalogue.text(key, $0) }
            #expect(Set(words).count == 3 && !words.contains(key), "\(key)")
        }
    }

    @Test("every question of the review is translated") func review() {
        for question in ReviewForm.questions {
            #expect(Set(Language.allCases.map { Self.catalogue.text(question.textKey, $0) }).count >= 2)
        }
    }

    @Test("every notification reads differently in each language; roles and severities are named")
    func notifications() {
        let events = NotificationTextWords.events
        for event in events {
            let subjects = Language.allCases.map { NotificationText.subject(event, in: $0, wording: Self.catalogue) }
            #expect(Set(subjects).count == 3, "\(subjects)")
        }
        let activated = events.first { $0.kind == .planActivated }!
        let body = NotificationText.body(
            activated, for: NotificationRecipient(role: .recoveryManager, flow: 4), in: .en, wording: Self.catalogue)
        #expect(body.contains("CMP activated"))
        #expect(body.contains("INC-2026-0007 — Mail down"))
        #expect(body.contains("disaster recovery manager (flow 4)"))
        #expect(body.contains("Severity: crisis"))
        for language in Language.allCases {
            let roles = Role.allCases.map { Self.catalogue.text(NotificationText.roleKey($0), language) }
            #expect(Set(roles).count == Role.allCases.count)
            let severities = Severity.allCases.map { Self.catalogue.text(NotificationText.severityKey($0), language) }
            #expect(Set(severities).count == Severity.allCases.count)
        }
    }

    @Test("the plan document in French and in Dutch") func planDocument() {
        let facts = PlanDocument.Facts(
            organisation: "ACME", holders: [.crisisManager: ["Claire"]],
            contacts: [.init(party: "crisis_manager", role: .crisisManager, rank: .backup, name: "Bruno", details: "")],
            sla: .defaults, activities: [], documents: [(kind: .bcp, title: "BCP", version: "3")])
        let french = PlanDocument.markdown(facts, in: .fr, wording: Self.catalogue)
        #expect(french.hasPrefix("# Plan de gestion des incidents — ACME"))
        let dutch = PlanDocument.markdown(
            facts, in: .nl, wording: Self.catalogue,
            versionLine: PlanDocument.versionLine(
                number: 2, day: "2026-11-29", author: "A", in: .nl, wording: Self.catalogue))
        #expect(dutch.contains("Incidentbeheerplan") && dutch.contains("Versie 2"))
        #expect(dutch.contains("- crisisbeheerder — vervanger: Bruno"))
        #expect(dutch.contains("bedrijfscontinuïteitsplan (BCP)"))
        #expect(!dutch.contains("crisis_manager") && !dutch.contains("backup") && !dutch.contains("plan.document"))
    }
}

enum NotificationTextWords {
    static var events: [NotificationEvent] {
        Escalation.Kind.allCases.map {
            NotificationEvent(
                kind: .escalated, incidentNumber: "INC-2026-0007", incidentTitle: "Mail down", severity: .major,
                escalation: $0.rawValue)
        }
            + [NotificationEventKind.planActivated, .planDeactivated, .planCloseAgreed].map {
                NotificationEvent(
                    kind: $0, incidentNumber: "INC-2026-0007", incidentTitle: "Mail down", severity: .crisis,
                    plan: .cmp)
            }
    }
}
