import Fluent
import Foundation
import RiposteCore
import Vapor

/// `riposte user create --email … --name … --roles a,b`; the password comes from
/// standard input, never from the command line (which `ps` and shell history show).
struct UserCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "create": UserCreateCommand(), "disable": UserAccessCommand(disable: true),
        "enable": UserAccessCommand(disable: false), "reset-password": UserResetPasswordCommand(),
    ]
    var help: String { CommandText.say("cli.user.help") }
}

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: CommandText.say("cli.user.create.email")) var email: String?
        @Option(name: "name", help: CommandText.say("cli.user.create.name")) var name: String?
        @Option(name: "roles", help: CommandText.say("cli.user.create.roles")) var roles: String?
    }

    var help: String { CommandText.say("cli.user.create.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let roles: Set<Role>
        switch Role.parseList(signature.roles ?? "reporter") {
        case .success(let parsed): roles = parsed.isEmpty ? [.reporter] : parsed
        case .failure(let unknown):
            let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure(CommandText.say("cli.user.unknown_role", unknown.name, known))
        }
        guard let password = Self.readPassword(context.console) else {
            throw CommandFailure(CommandText.say("cli.user.password_needed"))
        }
        // The operator of the server acts without an account: no actor, the same rules.
        let admin = AdminActions(
            database: app.db, gate: app.writeGate, tokens: app.knownTokens, passwords: app.passwordWork, actor: nil,
            now: app.clock.now())
        do {
            try await admin.createUser(
                email: signature.email ?? "", name: signature.name ?? "", password: password, roles: roles)
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandText.refusal(error)
        }
        let email = (signature.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        context.console.print(
            CommandText.say("cli.user.created", email, roles.map(\.rawValue).sorted().joined(separator: ",")))
    }
}

extension UserCreateCommand {
    /// At a terminal, asked twice without echo; from a pipe, the first line.
    static func readPassword(_ console: any Console) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        let first = console.ask(CommandText.say("cli.user.password").consoleText(), isSecure: true)
        let second = console.ask(CommandText.say("cli.user.password_again").consoleText(), isSecure: true)
        return first == second ? first : nil
    }
}

/// `riposte user disable|enable --email …`: a person who left can no longer sign in or use a
/// token (their sessions end); their name stays on the journal.
struct UserAccessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: CommandText.say("cli.user.email")) var email: String?
    }

    let disable: Bool
    var help: String { CommandText.say(disable ? "cli.user.disable.help" : "cli.user.enable.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let id = try await app.userID(email: signature.email)
        do {
            try await app.operatorAccount.setDisabled(id, disable)
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandText.refusal(error)
        }
        context.console.print(CommandText.say(disable ? "cli.user.disabled" : "cli.user.enabled"))
    }
}

/// `riposte user reset-password --email …`: prints a temporary password once, to be changed
/// at the next sign-in; the person's sessions end.
struct UserResetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: CommandText.say("cli.user.email")) var email: String?
    }

    var help: String { CommandText.say("cli.user.reset.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let id = try await app.userID(email: signature.email)
        context.console.print(try await app.operatorAccount.resetPassword(of: id))
    }
}

/// A command's refusal: printed, and the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
