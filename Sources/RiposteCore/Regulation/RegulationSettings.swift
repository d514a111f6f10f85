import Foundation

/// What the organisation is subject to and whom it tells (#17 point 1): the regimes, the
/// country, the competent authorities and the privacy contact (the DPO).
public struct RegulationSettings: Sendable, Equatable, Codable {
    public enum Country: String, CaseIterable, Codable, Sendable {
        case fr, be, nl, other
    }

    /// A competent authority: its name, and where notifications go (a portal or an address).
    public struct Authority: Sendable, Equatable, Codable {
        public let regime: Regime
        public let name: String
        /// An `https:`/`http:` portal or a `mailto:` address.
        public let link: String

        public init(regime: Regime, name: String, link: String) {
            self.regime = regime
            self.name = name
            self.link = link
        }
    }

    public var nis2: NIS2Entity
    public var dora: Bool
    public var country: Country
    public var authorities: [Authority]
    /// The data protection officer or privacy contact, as notifications name it (33(3)(b)).
    public var privacyContact: String

    public init(
        nis2: NIS2Entity = .notConcerned, dora: Bool = false, country: Country = .fr,
        authorities: [Authority]? = nil, privacyContact: String = ""
    ) {
        self.nis2 = nis2
        self.dora = dora
        self.country = country
        self.authorities = authorities ?? Self.knownAuthorities(in: country)
        self.privacyContact = privacyContact
    }

    /// Whether a regime applies to the organisation: the GDPR always.
    public func applies(_ regime: Regime) -> Bool {
        switch regime {
        case .gdpr: true
        case .nis2: nis2 != .notConcerned
        case .dora: dora
        }
    }

    /// The authorities named for a regime.
    public func authorities(for regime: Regime) -> [Authority] { authorities.filter { $0.regime == regime } }

    /// The authorities of each country, offered when the country is chosen: the data protection
    /// authority, the NIS2 notification point, and the financial supervisors DORA reports go to.
    public static func knownAuthorities(in country: Country) -> [Authority] {
        switch country {
        case .fr:
            [
                Authority(regime: .gdpr, name: "CNIL", link: "https://notifications.cnil.fr/notifications/index"),
                Authority(regime: .nis2, name: "ANSSI", link: "https://cyber.gouv.fr"),
                Authority(regime: .dora, name: "ACPR", link: "https://acpr.banque-france.fr"),
            ]
        case .be:
            [
                Authority(
                    regime: .gdpr, name: "APD/GBA", link: "https://www.autoriteprotectiondonnees.be"),
                Authority(regime: .nis2, name: "CCB (Safeonweb@work)", link: "https://notif.safeonweb.be"),
                Authority(regime: .dora, name: "NBB/BNB", link: "https://www.nbb.be"),
            ]
        case .nl:
            [
                Authority(
                    regime: .gdpr, name: "Autoriteit Persoonsgegevens",
                    link: "https://www.autoriteitpersoonsgegevens.nl"),
                Authority(regime: .nis2, name: "NCSC", link: "https://www.ncsc.nl"),
                Authority(regime: .dora, name: "DNB", link: "https://www.dnb.nl"),
            ]
        case .other: []
        }
    }

    /// The longest authority name and link.
    public static let nameLimit = 200
    public static let linkLimit = 500
    public static let maxAuthorities = 20

    /// The settings as typed, trimmed and checked: every authority named, with a link Riposte
    /// may show (http, https or mailto: never `javascript:`).
    public func validated() throws(FieldError) -> RegulationSettings {
        guard authorities.count <= Self.maxAuthorities else {
            throw FieldError(field: "authorities", problem: .outOfRange, limit: Self.maxAuthorities)
        }
        var checked: [Authority] = []
        for (index, authority) in authorities.enumerated() {
            let name = try TextRule.required(authority.name, field: "authorities[\(index)].name", max: Self.nameLimit)
            let link = try TextRule.required(authority.link, field: "authorities[\(index)].link", max: Self.linkLimit)
            guard SafeLink.allows(link) else {
                throw FieldError(field: "authorities[\(index)].link", problem: .invalid)
            }
            checked.append(Authority(regime: authority.regime, name: name, link: link))
        }
        var settings = self
        settings.authorities = checked
        settings.privacyContact =
            try TextRule.optional(privacyContact, field: "privacyContact", max: FieldLimits.detail) ?? ""
        return settings
    }
}

/// Links Riposte shows as links: web pages and e-mail addresses, never a script.
public enum SafeLink {
    public static func allows(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":") else { return false }
        let scheme = link[..<colon].lowercased()
        let rest = link[link.index(after: colon)...]
        guard !rest.isEmpty, !link.contains(where: { $0.isWhitespace || $0.isNewline }) else { return false }
        switch scheme {
        case "https", "http": return rest.hasPrefix("//") && rest.count > 2
        case "mailto": return rest.contains("@")
        default: return false
        }
    }
}
