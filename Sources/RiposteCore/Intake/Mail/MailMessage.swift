import Foundation

/// An e-mail as `riposte intake mail` reads it (#18 point 3): who sent it, its subject, the
/// message ids it answers, its text and the files attached to it. `text/plain`,
/// `multipart/alternative` and `multipart/mixed` (nested), quoted-printable and base64, RFC 2047
/// headers, any charset Foundation decodes; attachments are listed, never kept.
public struct MailMessage: Sendable, Equatable {
    public struct Attachment: Sendable, Equatable {
        public let name: String
        public let type: String
        public let size: Int
    }

    public let fromAddress: String
    public let fromName: String?
    public let subject: String
    public let messageID: String?
    /// `In-Reply-To` then `References`: the messages it answers, newest first.
    public let answers: [String]
    public let text: String
    public let attachments: [Attachment]
    /// An out-of-office reply, a bounce, a list's mail (RFC 3834 `Auto-Submitted`, `Precedence`,
    /// a delivery report): never a report, never a reply, or two robots would answer each other.
    public var isAutomatic = false

    /// The largest message read: beyond it, refused whole.
    public static let sizeLimit = 10 * 1024 * 1024
    /// Parts within parts deeper than this are a malformed message, not a reason to recurse.
    static let depthLimit = 8

    public static func parse(_ bytes: [UInt8]) throws(MailError) -> MailMessage {
        guard bytes.count <= sizeLimit else { throw .tooLarge(limit: sizeLimit) }
        let (headerBytes, body) = split(withoutEnvelope(bytes))
        guard !headerBytes.isEmpty else { throw .malformed("header") }
        let headers = try MailHeaders(headerBytes)
        guard let from = headers["From"].flatMap(Self.address) else { throw .malformed("from") }
        var collected = Collected()
        try collect(headers, body, depth: 0, into: &collected)
        let answers =
            ids(headers["In-Reply-To"]) + ids(headers["References"]).reversed()
        return MailMessage(
            fromAddress: from.address, fromName: from.name,
            subject: EncodedWords.decode(headers["Subject"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            messageID: ids(headers["Message-ID"]).first,
            answers: answers.reduce(into: []) { list, id in
                if !list.contains(id) { list.append(id) }
            },
            text: collected.plain ?? collected.html.map(Self.textOfHTML) ?? "", attachments: collected.attachments,
            isAutomatic: Self.isAutomatic(headers, from: from.address))
    }

    static func isAutomatic(_ headers: MailHeaders, from address: String) -> Bool {
        let submitted = headers["Auto-Submitted"]?.lowercased().trimmingCharacters(in: .whitespaces)
        if let submitted, !submitted.hasPrefix("no") { return true }
        let precedence = headers["Precedence"]?.lowercased().trimmingCharacters(in: .whitespaces) ?? ""
        if ["bulk", "junk", "list", "auto_reply"].contains(precedence) { return true }
        if headers["X-Autoreply"] != nil || headers["X-Autorespond"] != nil || headers["List-Id"] != nil { return true }
        if MailHeaders.parameters(headers["Content-Type"] ?? "").value == "multipart/report" { return true }
        let local = address.split(separator: "@").first.map(String.init) ?? ""
        return ["mailer-daemon", "postmaster"].contains(local)
    }

    private struct Collected {
        var plain: String?
        var html: String?
        var attachments: [Attachment] = []
    }

    /// The message without the `From sender date` line Postfix's and procmail's local delivery
    /// put before it (mbox's envelope), which is no header.
    static func withoutEnvelope(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: Array("From ".utf8)), let end = bytes.firstIndex(of: 0x0A) else { return bytes }
        return Array(bytes[(end + 1)...])
    }

    /// The header block and the body, split at the first empty line; a part that starts with
    /// one has no header (RFC 2046 §5.1.1: it is then plain US-ASCII text).
    static func split(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
        if bytes.first == 0x0A { return ([], Array(bytes.dropFirst())) }
        if bytes.starts(with: [0x0D, 0x0A]) { return ([], Array(bytes.dropFirst(2))) }
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    return (Array(bytes[..<index]), Array(bytes[(index + 2)...]))
                }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    return (Array(bytes[..<index]), Array(bytes[(index + 3)...]))
                }
            }
            index += 1
        }
        return (bytes, [])
    }

    private static func collect(
        _ headers: MailHeaders, _ body: [UInt8], depth: Int, into collected: inout Collected
    ) throws(MailError) {
        guard depth <= depthLimit else { throw .malformed("multipart") }
        let (type, parameters) = MailHeaders.parameters(headers["Content-Type"] ?? "text/plain; charset=us-ascii")
        if type.hasPrefix("multipart/") {
            guard let boundary = parameters["boundary"], !boundary.isEmpty else { throw .malformed("multipart") }
            let parts = try Self.parts(body, boundary: boundary)
            for part in parts {
                let (partHeaders, partBody) = split(part)
                let headers = partHeaders.isEmpty ? MailHeaders.empty : try MailHeaders(partHeaders)
                try collect(headers, partBody, depth: depth + 1, into: &collected)
            }
            return
        }
        let disposition = MailHeaders.parameters(headers["Content-Disposition"] ?? "")
        let name = (disposition.parameters["filename"] ?? parameters["name"]).map(EncodedWords.decode)
        let isText = type == "text/plain" || type == "text/html"
        if disposition.value == "attachment" || name != nil || !isText {
            // Listed, never kept: a file whose encoding is damaged is listed at its encoded size
            // rather than refusing the message around it.
            let size =
                (try? MailBytes.decode(body, transferEncoding: headers["Content-Transfer-Encoding"]).count)
                ?? body.count
            collected.attachments.append(Attachment(name: name ?? "", type: type, size: size))
            return
        }
        let decoded = try MailBytes.decode(body, transferEncoding: headers["Content-Transfer-Encoding"])
        let text = Charset.decode(decoded, named: parameters["charset"])
        if type == "text/plain", collected.plain == nil { collected.plain = text }
        if type == "text/html", collected.html == nil { collected.html = text }
    }

    /// The parts between `--boundary` lines, up to `--boundary--`; none is malformed.
    static func parts(_ body: [UInt8], boundary: String) throws(MailError) -> [[UInt8]] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [[UInt8]] = []
        var current: [UInt8]?
        var lineStart = 0
        var index = 0
        var closed = false
        while lineStart < body.count, !closed {
            index = lineStart
            while index < body.count, body[index] != 0x0A { index += 1 }
            var line = body[lineStart..<index]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: delimiter) {
                let after = line.dropFirst(delimiter.count)
                let isClose = after.starts(with: [0x2D, 0x2D])
                if isClose || after.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let finished = current { parts.append(Self.trimmingLastBreak(finished)) }
                    current = isClose ? nil : []
                    closed = isClose
                    lineStart = index + 1
                    continue
                }
            }
            current?.append(contentsOf: body[lineStart..<min(index + 1, body.count)])
            lineStart = index + 1
        }
        // A message cut before its closing delimiter keeps the part it was in.
        if let current, !current.isEmpty { parts.append(Self.trimmingLastBreak(current)) }
        guard !parts.isEmpty else { throw .malformed("multipart") }
        return parts
    }

    /// The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    private static func trimmingLastBreak(_ part: [UInt8]) -> [UInt8] {
        var part = part
        if part.last == 0x0A { part.removeLast() }
        if part.last == 0x0D { part.removeLast() }
        return part
    }

    /// `Name <address>`, `address (Name)` or a bare address; the address lowercased.
    static func address(_ field: String) -> (address: String, name: String?)? {
        let decoded = field.trimmingCharacters(in: .whitespaces)
        var address = decoded
        var name: String?
        if let open = decoded.lastIndex(of: "<"), let close = decoded.lastIndex(of: ">"), open < close {
            address = String(decoded[decoded.index(after: open)..<close])
            let before = decoded[..<open].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = before.isEmpty ? nil : EncodedWords.decode(before)
        } else if let open = decoded.firstIndex(of: "("), let close = decoded.lastIndex(of: ")"), open < close {
            address = decoded[..<open].trimmingCharacters(in: .whitespaces)
            name = EncodedWords.decode(String(decoded[decoded.index(after: open)..<close]))
        }
        address = address.trimmingCharacters(in: .whitespaces).lowercased()
        guard let checked = try? CredentialRules.email(address, field: "from") else { return nil }
        return (checked, name)
    }

    /// The `<id>`s a field names.
    static func ids(_ field: String?) -> [String] {
        guard let field else { return [] }
        var found: [String] = []
        var rest = Substring(field)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { found.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// An HTML part's text, for a message with no plain one: tags dropped, paragraphs and line
    /// breaks kept, the common entities read.
    static func textOfHTML(_ html: String) -> String {
        var text = ""
        var inTag = false
        var tag = ""
        var skipping = false
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    let name =
                        tag.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                    // One line break per block, whether it opens or closes it.
                    if ["br", "p", "div", "li", "tr", "h1", "h2", "h3"].contains(name), !text.hasSuffix("\n") {
                        text += "\n"
                    }
                    if name == "style" || name == "script" { skipping = true }
                    if tag.lowercased().hasPrefix("/style") || tag.lowercased().hasPrefix("/script") {
                        skipping = false
                    }
                } else {
                    tag.append(character)
                }
                continue
            }
            if character == "<" {
                inTag = true
                tag = ""
                continue
            }
            if !skipping { text.append(character) }
        }
        // `&amp;` last, so that `&amp;lt;` stays `&lt;`.
        let entities = [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
        ]
        for (entity, value) in entities { text = text.replacingOccurrences(of: entity, with: value) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension MailHeaders {
    static let empty = MailHeaders()
}
