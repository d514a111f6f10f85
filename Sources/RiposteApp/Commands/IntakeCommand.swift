import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `riposte intake mail`: one e-mail (RFC 5322) on standard input, as a mail server or
/// `fetchmail`/`getmail` delivers to a command (#18 point 3). Prints what it did; exits
/// non-zero with one line and creates nothing for a message it cannot read or over the limit.
struct IntakeCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["mail": IntakeMailCommand()]
    var help: String { CommandText.say("cli.intake.help") }
}

struct IntakeMailCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { CommandText.say("cli.intake.mail.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let bytes = Self.readInput(limit: MailMessage.sizeLimit)
        let message: MailMessage
        do {
            message = try MailMessage.parse(bytes)
        } catch .tooLarge(let limit) {
            throw CommandFailure(CommandText.say("cli.intake.mail.too_large", String(limit)))
        } catch .malformed(let part) {
            throw CommandFailure(CommandText.say("cli.intake.mail.malformed", part))
        }
        let organisation = try await OrganisationStore.settings(on: app.db.sql()) ?? .beforeSetup
        let actions = MailIntakeActions(
            database: app.db,
            store: IncidentStore(database: app.db, gate: app.writeGate, numbering: app.incidentNumbering),
            passwords: app.passwordWork, now: app.clock.now(), wording: app.catalogue,
            sender: app.notificationSettings.sendmail == nil
                ? nil : MessageSender(name: organisation.name, replyTo: nil),
            publicURL: app.notificationSettings.publicURL)
        do {
            switch try await actions.receive(message) {
            case .filed(let number): context.console.print(CommandText.say("cli.intake.mail.filed", number))
            case .added(let number): context.console.print(CommandText.say("cli.intake.mail.added", number))
            case .ignored: context.console.print(CommandText.say("cli.intake.mail.ignored"))
            }
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandText.refusal(error)
        }
    }

    /// Standard input, up to one byte past `limit` (enough to know it is over).
    static func readInput(limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= limit {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }
}
