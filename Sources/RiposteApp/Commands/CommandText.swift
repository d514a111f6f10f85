import Foundation
import RiposteCore

/// What the command line says, and its help, from the catalogues (`cli.…`): in English, which
/// operators' scripts read (and `bench/sweep`), unless `RIPOSTE_LANGUAGE` names fr or nl. Not
/// the locale: a script written on one machine must read the same words on another.
enum CommandText {
    static let catalogue = (try? Catalogue.load()) ?? Catalogue(texts: [:])

    static let language: Language =
        ProcessInfo.processInfo.environment["RIPOSTE_LANGUAGE"].flatMap { Language(rawValue: $0.lowercased()) }
        ?? .en

    static func say(_ key: String, _ arguments: String...) -> String {
        catalogue.text(key, language, arguments)
    }

    /// A refusal of the use cases, as the API would word it.
    static func refusal(_ error: APIError) -> CommandFailure {
        CommandFailure(error.message(in: language, wording: catalogue))
    }
}
