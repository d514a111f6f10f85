import Foundation
import RiposteStorage

/// Hands an e-mail to a sendmail-compatible command (`msmtp -t`, `sendmail -t`): the
/// message with its headers on standard input, recipients read from them. The command runs
/// without a shell, so nothing in a message can become part of a command line.
struct SendmailTransport: Sendable {
    let command: [String]
    let from: String

    static let timeout: TimeInterval = 30

    func send(_ delivery: ClaimedDelivery) async throws {
        // `sendmail -t` reads the recipients from `To:`: one address, nothing to split it on.
        guard !delivery.target.contains(where: { $0.isWhitespace || $0.isNewline || ",;<>\"".contains($0) }) else {
            throw DeliveryFailure("api.delivery.invalid_address")
        }
        if let replyTo = delivery.sender?.replyTo, replyTo.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw DeliveryFailure("api.delivery.invalid_address")
        }
        let message = Self.message(
            from: from, to: delivery.target, subject: delivery.subject, body: delivery.payload, id: delivery.id,
            sender: delivery.sender)
        try await run(input: Data(message.utf8))
    }

    /// A message of Riposte's own to one address, sent now rather than through the outbox:
    /// the getting-ready checklist's test, whose answer the person is waiting for.
    func sendTest(to address: String, subject: String, body: String, id: UUID) async throws {
        guard !address.contains(where: { $0.isWhitespace || $0.isNewline || ",;<>\"".contains($0) }) else {
            throw DeliveryFailure("api.delivery.invalid_address")
        }
        let message = Self.message(from: from, to: address, subject: subject, body: body, id: id)
        try await run(input: Data(message.utf8))
    }

    /// The message with its headers. Riposte's own notices say so (`Auto-Submitted`, so that
    /// out-of-office replies stay away); a message a person wrote goes out in the
    /// organisation's name, and answers go to that person.
    static func message(
        from: String, to: String, subject: String, body: String, id: UUID, sender: MessageSender? = nil
    ) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let date = formatter.string(from: Date())
        var lines = [
            "From: \(displayName(sender?.name ?? "Riposte")) <\(from)>",
            "To: \(to)",
            "Subject: \(encodedWord(subject))",
            "Date: \(date)",
            "Message-ID: <\(id.uuidString.lowercased())@riposte>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        if let sender {
            if let replyTo = sender.replyTo { lines.append("Reply-To: <\(replyTo)>") }
        } else {
            lines.append("Auto-Submitted: auto-generated")
        }
        lines.append("")
        // Base64 lines of 76 characters: any text, any line length, survives any relay.
        let encoded = Data(body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return lines.joined(separator: "\r\n") + "\r\n" + encoded + "\r\n"
    }

    /// A name as a mail header shows it: as is when it is plain letters and digits, else encoded.
    static func displayName(_ name: String) -> String {
        let plain =
            !name.isEmpty && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || " .-".contains($0) }
        return plain ? name : encodedWord(name)
    }

    /// Any text in a header as RFC 2047 has it: never a raw line break, any language; words of
    /// at most 45 bytes (60 in base64, within the 75 a word may take), folded onto lines of
    /// their own, never splitting a character.
    static func encodedWord(_ text: String) -> String {
        var chunks: [String] = []
        var current = ""
        for character in text {
            if current.utf8.count + String(character).utf8.count > 45 {
                chunks.append(current)
                current = ""
            }
            current.append(character)
        }
        chunks.append(current)
        return chunks.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    private func run(input: Data) async throws {
        let (status, detail): (Int32, String)
        do {
            (status, detail) = try await ExternalCommand.run(
                try executable(), Array(command.dropFirst()), input: input, timeout: Self.timeout)
        } catch let failure as DeliveryFailure {
            throw failure
        } catch {
            throw DeliveryFailure("api.delivery.cannot_start", command[0], "\(error)")
        }
        guard status == 0 else {
            throw DeliveryFailure("api.delivery.command_failed", command[0], String(status), detail)
        }
    }

    /// The command as given, or found on `PATH` like a shell would.
    private func executable() throws -> URL {
        guard let program = ExternalCommand.find(command[0]) else {
            throw DeliveryFailure("api.delivery.command_missing", command[0])
        }
        return program
    }
}
