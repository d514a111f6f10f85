import Foundation
import RiposteCore

/// What the command line says, and its help, from the catalogues (`cli.…`): in the language of
/// `RIPOSTE_LANGUAGE`, else of the locale (`LC_ALL`, `LANG`: `fr_BE.UTF-8` is French), else
/// English, which operators' scripts may read.
enum CommandText {
    static let catalogue = (try? Catalogue.load()) ?? Catalogue(texts: [:])

    static let language: Language = {
        let environment = ProcessInfo.processInfo.environment
        for name in ["RIPOSTE_LANGUAGE", "LC_ALL", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return Language(rawValue: String(value.prefix(2)).lowercased()) ?? .en
        }
        return .en
    }()

    static func say(_ key: String, _ arguments: String...) -> String {
        catalogue.text(key, language, arguments)
    }

    /// A refusal of the use cases, as the API would word it.
    static func refusal(_ error: APIError) -> CommandFailure {
        CommandFailure(error.message(in: language, wording: catalogue))
    }
}
