import Foundation

/// What `riposte intake mail` makes of a message (#18 point 3): a reply to a message Riposte
/// sent about an incident (its `Message-ID` answered) or naming an incident's number in its
/// subject goes to that incident's journal; any other message is a new report, channel `email`.
public enum MailIntake {
    /// The deliveries a message answers: Riposte's own message ids are `<delivery-id@riposte>`.
    public static func deliveries(answered message: MailMessage) -> [UUID] {
        message.answers.compactMap { id in
            let parts = id.split(separator: "@")
            guard parts.count == 2, parts[1] == "riposte" else { return nil }
            return UUID(uuidString: String(parts[0]))
        }
    }

    /// The first register number in the subject (`Re: [INC-2026-0042] …`).
    public static func number(inSubject subject: String) -> IncidentNumber? {
        let words = subject.uppercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        for word in words {
            if let number = IncidentNumber(String(word)) { return number }
        }
        return nil
    }

    /// A new report from the message: its subject as the title (on one line, cut to the limit),
    /// its text as the description with the attachments listed (they are not kept). Nil parts
    /// are the app's to word: `untitled` for a message without a subject, `attachments` the
    /// line before the list.
    public static func report(
        _ message: MailMessage, untitled: String, attachments heading: String
    ) -> (title: String, description: String) {
        let subject = message.subject.split(whereSeparator: \.isNewline).joined(separator: " ")
        let title = subject.isEmpty ? untitled : subject
        var description = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.isEmpty { description = title }
        if !message.attachments.isEmpty { description += "\n\n" + heading + "\n" + list(message.attachments) }
        return (cut(title, FieldLimits.title), cut(description, FieldLimits.description))
    }

    /// A reply's journal entry: its new words (the quoted message it answers left out), who
    /// sent it, its subject and the files it listed.
    public static func reply(_ message: MailMessage, attachments heading: String) -> IncidentEffects {
        var text = newWords(message.text)
        if text.isEmpty { text = message.subject }
        if !message.attachments.isEmpty { text += "\n\n" + heading + "\n" + list(message.attachments) }
        var details = ["from": message.fromAddress, "subject": cut(message.subject, FieldLimits.title)]
        details["name"] = message.fromName.map { cut($0, FieldLimits.name) }
        return .entry(.mailReceived, text: cut(text, FieldLimits.journalText), details: details)
    }

    /// The text above the quoted message a reply carries (`> …` lines at its end, and the
    /// "… wrote:" line before them).
    static func newWords(_ text: String) -> String {
        var lines = text.components(separatedBy: .newlines)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty || last.hasPrefix(">") {
            lines.removeLast()
        }
        let quoted = text.components(separatedBy: .newlines).count > lines.count
        if quoted, let last = lines.last, last.trimmingCharacters(in: .whitespaces).hasSuffix(":") {
            lines.removeLast()
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func list(_ attachments: [MailMessage.Attachment]) -> String {
        attachments.map { "- \($0.name.isEmpty ? "?" : $0.name) (\($0.type), \($0.size) B)" }.joined(separator: "\n")
    }

    /// At most `limit` Unicode scalars, as the limits count them, without NUL (which no
    /// database keeps as text).
    public static func cut(_ text: String, _ limit: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.lazy.filter { $0 != "\u{0}" }.prefix(limit)))
    }
}
