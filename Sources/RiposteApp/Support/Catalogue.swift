import Foundation
import RiposteCore
import Vapor

/// Every text Riposte shows or sends (pages, e-mails, notifications, the plan document), one
/// JSON file per language (`Web/Locales/fr.json`…): keys are dotted names, values may hold
/// `{0}`, `{1}` for what is filled in. A test fails when a key is missing in a language or used
/// nowhere.
struct Catalogue: Wording {
    let texts: [Language: [String: String]]

    static func load() throws -> Catalogue {
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard
                let url = Bundle.module.url(
                    forResource: language.rawValue, withExtension: "json", subdirectory: "Locales")
            else { throw StartupFault.resourceMissing("Locales/\(language.rawValue).json") }
            texts[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Catalogue(texts: texts)
    }

    /// The text in `language`, else in French, else the key itself (visible, so a gap shows).
    func text(_ key: String, _ language: Language, _ arguments: [String]) -> String {
        var text = texts[language]?[key] ?? texts[.fallback]?[key] ?? key
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    func text(_ key: String, _ language: Language) -> String { text(key, language, []) }
}

extension Application {
    private struct CatalogueKey: StorageKey {
        typealias Value = Catalogue
    }

    var catalogue: Catalogue {
        get { storage[CatalogueKey.self] ?? Catalogue(texts: [:]) }
        set { storage[CatalogueKey.self] = newValue }
    }
}
