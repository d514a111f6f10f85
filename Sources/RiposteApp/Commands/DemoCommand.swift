import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `riposte demo [--language fr|nl|en]` (#19 point 3): fills an empty database with a
/// fictitious organisation to try Riposte on (`DemoScenario`): someone in every role, two
/// essential activities, incidents at every stage, each step taken by the person whose role
/// allows it through the same use cases as the pages. Refused on a database that holds anything.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "language", help: CommandText.say("cli.demo.language")) var language: String?
    }

    var help: String { CommandText.say("cli.demo.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let language = Language(rawValue: (signature.language ?? "fr").lowercased()) else {
            throw CommandFailure(CommandText.say("cli.demo.unknown_language", signature.language ?? ""))
        }
        let sql = try app.db.sql()
        guard try await DemoSeed.isEmpty(on: sql) else { throw CommandFailure(CommandText.say("cli.demo.not_empty")) }
        let password = TokenDigest.newToken().replacingOccurrences(of: "rpt_", with: "").prefix(20)
        let seed = DemoSeed(app: app, language: language, now: app.clock.now())
        let filed = try await seed.fill(password: String(password))
        context.console.print(
            CommandText.say(
                "cli.demo.done", seed.text("demo.organisation"), String(DemoScenario.people.count), String(filed)))
        for person in DemoScenario.people {
            context.console.print(
                "  \(person.key)@\(DemoScenario.domain)  \(person.roles.map(\.rawValue).sorted().joined(separator: ","))"
            )
        }
        context.console.print(CommandText.say("cli.demo.password", String(password)))
    }
}

/// The scenario played against the database: the organisation and its people written as
/// setup writes them, then every incident step by step through `IncidentActions`.
struct DemoSeed {
    let app: Application
    let language: Language
    let now: Date

    func text(_ key: String) -> String { app.catalogue.text(key, language) }

    static func isEmpty(on sql: any SQLDatabase) async throws -> Bool {
        try await OrganisationStore.holdsNothing(on: sql)
    }

    /// Named in the catalogues but not by the scenario's steps.
    static let otherKeys = ["demo.organisation", "demo.activity.billing", "demo.activity.production"]

    /// The number of incidents filed.
    func fill(password: String) async throws -> Int {
        let hash = try await app.passwordWork.hash(password, on: app.eventLoopGroup.next())
        let people = Dictionary(
            uniqueKeysWithValues: DemoScenario.people.map {
                ($0.key, ActingPerson(id: UUID.random(), name: $0.name, roles: $0.roles))
            })
        try await app.writeGate.transaction(on: app.db) { tx in
            let sql = try tx.sql()
            guard try await Self.isEmpty(on: sql) else { throw CommandFailure(CommandText.say("cli.demo.not_empty")) }
            try await OrganisationStore.create(
                OrganisationSettings(
                    name: text("demo.organisation"), language: language,
                    timeZone: TimeZone(identifier: "Europe/Brussels") ?? .current),
                at: now, on: sql)
            for person in DemoScenario.people {
                try await PeopleStore.insert(
                    id: people[person.key]!.id, email: "\(person.key)@\(DemoScenario.domain)", name: person.name,
                    hash: hash, language: language, roles: person.roles, at: now, on: sql)
            }
        }
        let admin = AdminActions(
            database: app.db, gate: app.writeGate, tokens: app.knownTokens, passwords: app.passwordWork, actor: nil,
            now: now)
        try await admin.createActivity(name: text("demo.activity.billing"), rto: "PT8H")
        try await admin.createActivity(name: text("demo.activity.production"), rto: "PT4H")
        for incident in DemoScenario.incidents {
            let reporter = try Self.person(incident.reporter, in: people)
            let filed = try await actions(as: reporter).report(
                IncidentReport(
                    title: text("demo.incident.\(incident.key).title"),
                    description: text("demo.incident.\(incident.key).description"), channel: incident.channel))
            for step in incident.steps {
                try await take(step, on: filed.id.uuidString, people: people)
            }
        }
        return DemoScenario.incidents.count
    }

    private func take(_ step: DemoScenario.Step, on incident: String, people: [String: ActingPerson]) async throws {
        switch step {
        case .qualify(let by, let type, let severity):
            try await actions(as: Self.person(by, in: people)).qualify(
                incident, type: text("demo.type.\(type)"), severity: severity, team: nil, expectedVersion: nil)
        case .move(let by, let status, let reason):
            try await actions(as: Self.person(by, in: people)).transition(
                incident, to: status, reason: reason.map { text("demo.reason.\($0)") }, expectedVersion: nil)
        case .note(let by, let key):
            _ = try await actions(as: Self.person(by, in: people)).addEntry(
                incident, kind: .action, text: text("demo.text.\(key)"), expectedVersion: nil)
        case .statusReport(let by, let key):
            try await actions(as: Self.person(by, in: people)).statusReport(
                incident, situation: text("demo.text.\(key)"), expectedRecoveryAt: nil, expectedVersion: nil)
        case .activate(let by, let plan):
            try await actions(as: Self.person(by, in: people)).changePlan(
                incident, plan: plan, action: .activate, note: nil, expectedVersion: nil)
        case .deactivate(let by, let plan):
            try await actions(as: Self.person(by, in: people)).changePlan(
                incident, plan: plan, action: .deactivate, note: nil, expectedVersion: nil)
        case .assessBreach(let by, let data, let risk):
            let categories = text("demo.text.\(data)")
            try await actions(as: Self.person(by, in: people)).assess(incident, reason: nil, expectedVersion: nil) {
                RegulatoryAssessment(
                    awareAt: $0.assessment.awareAt, personalData: .init(dataCategories: categories, risk: risk))
            }
        }
    }

    private func actions(as person: ActingPerson) throws -> IncidentActions {
        IncidentActions(
            store: IncidentStore(database: app.db, gate: app.writeGate, numbering: app.incidentNumbering),
            reader: IncidentReader(database: try app.db.sql()), actor: person, now: now,
            logger: app.logger, wording: app.catalogue)
    }

    private static func person(_ key: String, in people: [String: ActingPerson]) throws -> ActingPerson {
        guard let person = people[key] else { throw CommandFailure("demo: \(key)") }
        return person
    }
}
