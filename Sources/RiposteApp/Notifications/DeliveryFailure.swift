import Foundation
import RiposteCore

/// Why a message could not be handed over: a catalogue key (`api.delivery.…`) and what fills
/// it. Stored as both, so the API words it in its reader's language.
struct DeliveryFailure: Error, Equatable {
    let key: String
    let arguments: [String]

    init(_ key: String, _ arguments: String...) {
        self.key = key
        // A receiver's own words are kept short: they are stored with every attempt.
        self.arguments = arguments.map { String($0.prefix(Self.maxArgument)) }
    }

    static let maxArgument = 480

    /// Any error a transport let through, kept as its description.
    init(_ error: any Error) {
        self = error as? DeliveryFailure ?? DeliveryFailure("api.delivery.other", String(describing: error))
    }

    /// As `deliveries.last_error` and each attempt's error hold it: a JSON array, the key first.
    var stored: String {
        let data = (try? JSONEncoder().encode([key] + arguments)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A stored failure in `language`; one stored before failures had keys (or with a key the
    /// catalogues do not hold) is shown as it was.
    static func worded(_ stored: String, in language: Language, wording: some Wording) -> String {
        guard let parts = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)), let key = parts.first,
            wording.text(key, language, []) != key
        else { return stored }
        return wording.text(key, language, Array(parts.dropFirst()))
    }
}
