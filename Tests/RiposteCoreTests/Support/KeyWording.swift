@testable import RiposteCore

/// Words that show which key was asked for, in which language, with what: the core's tests
/// check what is said, the app's tests check the catalogues' words.
struct KeyWording: Wording {
    func text(_ key: String, _ language: Language, _ arguments: [String]) -> String {
        arguments.isEmpty
            ? "⟨\(language.rawValue):\(key)⟩" : "⟨\(language.rawValue):\(key)|\(arguments.joined(separator: ","))⟩"
    }
}
