import Foundation

/// Reads a header of a message as sendmail received it: unfolded, its RFC 2047 words decoded
/// (only the `B` encoding Riposte writes).
enum MailHeaders {
    static func value(_ name: String, in message: String) -> String? {
        let head = message.components(separatedBy: "\r\n\r\n").first ?? ""
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
        guard let line = unfolded.components(separatedBy: "\r\n").first(where: { $0.hasPrefix(name + ": ") }) else {
            return nil
        }
        let words = line.dropFirst(name.count + 2).split(separator: " ")
        return words.map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            else { return String(word) }
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: words.allSatisfy { $0.hasPrefix("=?") } ? "" : " ")
    }
}
