/// The languages of the interface and of the domain texts. French is the default.
public enum Language: String, CaseIterable, Codable, Sendable {
    case fr
    case en
    case nl

    public static let fallback: Language = .fr

    /// Picks the best supported language from an `Accept-Language` header value,
    /// honouring q-values; French when nothing matches.
    public static func negotiate(acceptLanguage header: String?) -> Language {
        match(acceptLanguage: header) ?? .fallback
    }

    /// The best supported language of an `Accept-Language` header, or nil when it names none
    /// (the caller then decides: the organisation's default language, say).
    public static func match(acceptLanguage header: String?) -> Language? {
        guard let header, !header.isEmpty else { return nil }
        var best: (language: Language, quality: Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary), quality > 0 else { continue }
            if best == nil || quality > best!.quality {
                best = (language, quality)
            }
        }
        return best?.language
    }
}

/// Where the words come from: the catalogues of the app (`fr`, `en`, `nl`). The core names
/// what is said, by key and arguments (`{0}`, `{1}`…), and never says it in a language itself,
/// so a translator edits the catalogues, not Swift.
public protocol Wording: Sendable {
    func text(_ key: String, _ language: Language, _ arguments: [String]) -> String
}
