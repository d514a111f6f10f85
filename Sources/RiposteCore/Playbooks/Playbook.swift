import Foundation

/// A scenario the organisation prepared for (§3.2 "exécuter le plan … pour des scénarios
/// spécifiques": ransomware, an e-mail outage, a data leak, a supplier's failure): its steps,
/// who does each, and the reference documents and directory contacts it relies on (§4.2.3
/// "Liens vers d'autres documents"). Chosen at qualification, proposed from the incident's
/// type; every change is a new version, and an incident keeps the steps it was given.
public struct Playbook: Sendable, Equatable, Identifiable {
    public let id: UUID
    public var name: String
    /// The incident types it is proposed for.
    public var incidentTypes: [String]
    public var steps: [ChecklistStep]
    /// Reference documents (annex 2) and directory contacts (annex 1) it links to.
    public var documents: [UUID]
    public var contacts: [UUID]
    public var version: Int

    public init(
        id: UUID, name: String, incidentTypes: [String], steps: [ChecklistStep], documents: [UUID] = [],
        contacts: [UUID] = [], version: Int = 1
    ) {
        self.id = id
        self.name = name
        self.incidentTypes = incidentTypes
        self.steps = steps
        self.documents = documents
        self.contacts = contacts
        self.version = version
    }

    /// Whether it is proposed for incidents of `type`: types compare as people type them,
    /// whatever their case or surrounding spaces.
    public func fits(type: String) -> Bool {
        let wanted = Self.comparable(type)
        return !wanted.isEmpty && incidentTypes.contains { Self.comparable($0) == wanted }
    }

    /// The playbook to propose for an incident of `type`: the first by name that fits it.
    public static func proposed(for type: String?, among playbooks: [Playbook]) -> Playbook? {
        guard let type else { return nil }
        return playbooks.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
            .first { $0.fits(type: type) }
    }

    static func comparable(_ type: String) -> String {
        type.trimmingCharacters(in: .whitespacesAndNewlines).folding(
            options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

/// A playbook as a person sends it.
public struct PlaybookDraft: Sendable, Equatable, Codable {
    public var name: String
    public var incidentTypes: [String]?
    public var steps: [StepDraft]
    public var documentIds: [UUID]?
    public var contactIds: [UUID]?

    public init(
        name: String, incidentTypes: [String]? = nil, steps: [StepDraft], documentIds: [UUID]? = nil,
        contactIds: [UUID]? = nil
    ) {
        self.name = name
        self.incidentTypes = incidentTypes
        self.steps = steps
        self.documentIds = documentIds
        self.contactIds = contactIds
    }

    public static let maxTypes = 20
    public static let maxLinks = 50

    /// The playbook it makes, as version `version` of `id`; the links are checked to exist by
    /// whoever keeps the directory and the documents.
    public func playbook(id: UUID, version: Int) throws(FieldError) -> Playbook {
        let name = try TextRule.required(name, field: "name", max: FieldLimits.name)
        try WrittenSteps.oneLine(name, field: "name")
        let types = incidentTypes ?? []
        guard types.count <= Self.maxTypes else {
            throw FieldError(field: "incidentTypes", problem: .tooMany, limit: Self.maxTypes)
        }
        var kept: [String] = []
        for (index, type) in types.enumerated() {
            try WrittenSteps.oneLine(type, field: "incidentTypes[\(index)]")
            if let type = try TextRule.optional(type, field: "incidentTypes[\(index)]", max: FieldLimits.type),
                !kept.contains(where: { Playbook.comparable($0) == Playbook.comparable(type) })
            {
                kept.append(type)
            }
        }
        let steps = try WrittenSteps.playbook(steps, id: id, field: "steps")
        let documents = Self.unique(documentIds ?? [])
        let contacts = Self.unique(contactIds ?? [])
        for (field, links) in [("documentIds", documents), ("contactIds", contacts)] where links.count > Self.maxLinks {
            throw FieldError(field: field, problem: .tooMany, limit: Self.maxLinks)
        }
        return Playbook(
            id: id, name: name, incidentTypes: kept, steps: steps, documents: documents, contacts: contacts,
            version: version)
    }

    private static func unique(_ ids: [UUID]) -> [UUID] {
        var seen = Set<UUID>()
        return ids.filter { seen.insert($0).inserted }
    }
}

extension IncidentEffects {
    /// The qualification follows `playbook`: its steps join the checklist, and the journal says
    /// which version it was.
    public func following(_ playbook: Playbook?) -> IncidentEffects {
        guard let playbook else { return self }
        var effects = self
        effects.playbookSteps = playbook.steps
        effects.journal.append(
            Entry(
                .playbookApplied,
                details: [
                    "playbook": playbook.name, "playbookId": playbook.id.uuidString.lowercased(),
                    "version": String(playbook.version),
                ]))
        return effects
    }
}
