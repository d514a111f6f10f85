import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// RFC 3339 dates, with milliseconds on output; input strictly checked, with or without fractions.
enum DateCoding {
    /// `2026-11-29T08:30:00.123Z`.
    static func text(_ date: Date) -> String { RFC3339.format(date) }

    static func parse(_ text: String) -> Date? { RFC3339.parse(text) }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(text(date))
        }
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "RFC 3339")
            }
            return date
        }
        return decoder
    }
}
