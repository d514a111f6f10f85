import Foundation

/// The folded text the register is searched on: case and accents do not matter,
/// so "credit" finds "Crédit" in every database engine alike.
public enum SearchText {
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
    }

    public static func document(number: String, title: String, description: String) -> String {
        fold([number, title, description].joined(separator: "\n"))
    }
}
