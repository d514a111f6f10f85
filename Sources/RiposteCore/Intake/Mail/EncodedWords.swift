import Foundation

/// Header text as RFC 2047 encodes it: `=?charset?B?…?=` or `=?charset?Q?…?=` words among plain
/// ones; the space between two encoded words is not part of the text.
public enum EncodedWords {
    public static func decode(_ field: String) -> String {
        var out = ""
        var pendingSpace = ""
        var previousWasEncoded = false
        var rest = Substring(field)
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (text, after) = word(rest) {
                if !previousWasEncoded { out += pendingSpace }
                out += text
                pendingSpace = ""
                previousWasEncoded = true
                rest = after
                continue
            }
            let character = rest.removeFirst()
            if character == " " || character == "\t" {
                pendingSpace.append(character)
                continue
            }
            out += pendingSpace
            pendingSpace = ""
            out.append(character)
            previousWasEncoded = false
        }
        return out + (previousWasEncoded ? "" : pendingSpace)
    }

    /// One encoded word at the start of `text`, and what follows it.
    private static func word(_ text: Substring) -> (String, Substring)? {
        let body = text.dropFirst(2)
        let pieces = body.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, let end = pieces[2].range(of: "?=") else { return nil }
        // A charset may name a language after `*` (RFC 2231): `utf-8*fr`.
        let charset = String(pieces[0].split(separator: "*").first ?? "")
        let encoded = Array(pieces[2][..<end.lowerBound].utf8)
        let bytes: [UInt8]
        switch pieces[1].lowercased() {
        case "b":
            guard let decoded = try? MailBytes.base64(encoded) else { return nil }
            bytes = decoded
        case "q":
            bytes = MailBytes.quotedPrintable(encoded.map { $0 == UInt8(ascii: "_") ? 0x20 : $0 })
        default:
            return nil
        }
        return (Charset.decode(bytes, named: charset), pieces[2][end.upperBound...])
    }
}
