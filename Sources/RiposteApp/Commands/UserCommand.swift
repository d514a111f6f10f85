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
    var help: String { "Manage users." }
}

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mail address (the sign-in name).") var email: String?
        @Option(name: "name", help: "Full name.") var name: String?
        @Option(name: "roles", help: "Comma-separated roles, e.g. helpdesk_operator,response_team.") var roles: String?
    }

    var help: String { "Create a user; reads the password from standard input." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let roles: Set<Role>
        switch Role.parseList(signature.roles ?? "reporter") {
        case .success(let parsed): roles = parsed.isEmpty ? [.reporter] : parsed
        case .failure(let unknown):
            let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure("Unknown role \(unknown.name). Roles: \(known).")
        }
        guard let password = Self.readPassword(context.console) else {
            throw CommandFailure("Give the password on standard input (twice, the same, at a terminal).")
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
            throw CommandFailure(error.message)
        }
        let email = (signature.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        context.console.print("Created \(email) with roles \(roles.map(\.rawValue).sorted().joined(separator: ",")).")
    }
}

extension UserCreateCommand {
    /// At a terminal, asked twice without echo; from a pipe, the first line.
    static func readPassword(_ console: any Console) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        let first = console.ask("Password:".consoleText(), isSecure: true)
        let second = console.ask("Password again:".consoleText(), isSecure: true)
        return first == second ? first : nil
    }
}

/// `riposte user disable|enable --email …`: a person who left can no longer sign in or use a
/// token (their sessions end); their name stays on the journal.
struct UserAccessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The person's e-mail address.") var email: String?
    }

    let disable: Bool
    var help: String { disable ? "Disable a person: no sign-in, no token." : "Enable a disabled person again." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let id = try await app.userID(email: signature.email)
        do {
            try await app.operatorAccount.setDisabled(id, disable)
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandFailure(error.message)
        }
        context.console.print(disable ? "Disabled." : "Enabled.")
    }
}

/// `riposte user reset-password --email …`: prints a temporary password once, to be changed
/// at the next sign-in; the person's sessions end.
struct UserResetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The person's e-mail address.") var email: String?
    }

    var help: String { "Reset a person's password and print a temporary one once." }

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
