/// Annex 1 of the plan: who to call. Each role of the plan and each essential business
/// service has contacts inside the organisation; suppliers and clients have theirs outside.
/// The plan asks for at least two per role or party (a principal and a backup, for illness,
/// leave or departure).
public enum PartyKind: String, CaseIterable, Codable, Sendable {
    /// A role of the plan (its name is the role's code).
    case role
    /// An essential business service.
    case service
    case supplier
    case client

    public var isExternal: Bool { self == .supplier || self == .client }
}

/// A contact's place for their party: the principal, then the backup, then others.
public enum ContactRank: String, CaseIterable, Codable, Sendable, Comparable {
    case principal
    case backup
    case other

    public static func < (lhs: ContactRank, rhs: ContactRank) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How the directory stands against the plan's rule.
public enum ContactDirectory {
    public static let minimumContacts = 2

    /// A role or party to complete, and how many contacts it has.
    public struct Gap: Sendable, Equatable {
        public let kind: PartyKind
        public let name: String
        public let contacts: Int

        public init(kind: PartyKind, name: String, contacts: Int) {
            self.kind = kind
            self.name = name
            self.contacts = contacts
        }
    }

    /// Every role of the plan (chapter III's, `GettingReady.planRoles`: the privacy officer, who
    /// is the regulation settings' contact, is not one of annex 1) and every party recorded, with
    /// fewer than two contacts, or without a principal or a backup.
    public static func gaps(parties: [(kind: PartyKind, name: String, ranks: [ContactRank])]) -> [Gap] {
        var gaps: [Gap] = []
        let planRoles = GettingReady.planRoles.map(\.rawValue)
        let recordedRoles = Set(parties.filter { $0.kind == .role }.map(\.name))
        for role in planRoles where !recordedRoles.contains(role) {
            gaps.append(Gap(kind: .role, name: role, contacts: 0))
        }
        for party in parties {
            let complete =
                party.ranks.count >= minimumContacts && party.ranks.contains(.principal)
                && party.ranks.contains(.backup)
            if !complete { gaps.append(Gap(kind: party.kind, name: party.name, contacts: party.ranks.count)) }
        }
        return gaps.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    }
}

/// How a client or supplier is involved in an incident.
public enum PartyRelation: String, CaseIterable, Codable, Sendable {
    /// It told us about the incident.
    case reporter
    /// It suffers from it.
    case affected
}
