import Foundation

/// The messages the plan has handlers send to those an incident touches (§4.2.3 step 3
/// "indiquer le délai de résolution prévu", §4.2.2 step 5 and §4.2.3 step 8 "informer … de la
/// résolution"), each with a template the organisation words in its languages.
public enum MessageKind: String, CaseIterable, Codable, Sendable {
    /// The incident is known and being handled.
    case acknowledged
    /// When it is expected to be resolved.
    case expectedResolution = "expected_resolution"
    /// It is resolved.
    case resolved
}

/// What a template may name, replaced when a message is prepared from an incident.
public enum MessagePlaceholder: String, CaseIterable, Sendable {
    case number
    case title
    case organisation
    /// The expected recovery of the last status report, or the words saying it is not known yet.
    case expectedResolution = "expected_resolution"
    /// The person who sends the message.
    case sender

    /// How it is written in a template: `{number}`.
    public var token: String { "{\(rawValue)}" }
}

/// A template's subject and body, with `{placeholders}`.
public struct MessageTemplate: Sendable, Equatable, Codable {
    public let subject: String
    public let body: String

    public static let subjectLimit = 200
    public static let bodyLimit = 10_000

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// Checks a template as typed: both parts present, within their limits, naming only
    /// placeholders that exist (a misspelt one would go out as typed, braces and all).
    public static func validated(
        subject: String, body: String, field: String = ""
    ) throws(FieldError)
        -> MessageTemplate
    {
        let prefix = field.isEmpty ? "" : field + "."
        let template = MessageTemplate(
            subject: try TextRule.required(subject, field: prefix + "subject", max: subjectLimit),
            body: try TextRule.required(body, field: prefix + "body", max: bodyLimit))
        guard unknownPlaceholder(in: template.body) == nil else {
            throw FieldError(field: prefix + "body", problem: .unknown)
        }
        guard unknownPlaceholder(in: template.subject) == nil else {
            throw FieldError(field: prefix + "subject", problem: .unknown)
        }
        guard !template.subject.contains(where: \.isNewline) else {
            throw FieldError(field: prefix + "subject", problem: .invalid)
        }
        return template
    }

    /// The template with every placeholder replaced by its value (absent values by nothing).
    public func filled(with values: [MessagePlaceholder: String]) -> MessageTemplate {
        func fill(_ text: String) -> String {
            MessagePlaceholder.allCases.reduce(text) { text, placeholder in
                text.replacingOccurrences(of: placeholder.token, with: values[placeholder] ?? "")
            }
        }
        // A value never carries a line break into the subject (a mail header).
        let subject = fill(subject).split(whereSeparator: \.isNewline).joined(separator: " ")
        return MessageTemplate(subject: subject, body: fill(body))
    }

    /// The first `{word}` that is not a placeholder.
    static func unknownPlaceholder(in text: String) -> String? {
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { return nil }
            let name = after[..<close]
            let looksLikeOne = !name.isEmpty && name.allSatisfy { $0.isLetter || $0 == "_" }
            if looksLikeOne, MessagePlaceholder(rawValue: String(name)) == nil { return "{\(name)}" }
            rest = after[after.index(after: close)...]
        }
        return nil
    }
}
