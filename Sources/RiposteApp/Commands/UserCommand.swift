import Fluent
import Foundation
import RiposteCore
import Vapor

/// `riposte user create --email … --name … --roles a,b`; the password comes from
/// standard input, never from the command line (which `ps` and shell history show).
struct UserCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["create": UserCreateCommand()]
    var help: String { "Manage users." }
}

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mail address (the sign-in name).") var email: String?
        @Option(name: "name", help: "Full name.") var name: String?
        @Option(name: "roles", help: "Comma-separated roles, e.g. helpdesk_operator,response_team.") var roles: String?
    }

    var help: String { "Create a user; reads the password from standard input." }

    static let minimumPasswordLength = 12

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email?.trimmingCharacters(in: .whitespaces).lowercased(),
            email.contains("@"), email.count <= FieldLimits.email
        else { throw CommandFailure("--email is required and must be an e-mail address.") }
        guard let name = signature.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
            name.count <= FieldLimits.name
        else { throw CommandFailure("--name is required.") }
        let roles: Set<Role>
        switch Role.parseList(signature.roles ?? "reporter") {
        case .success(let parsed): roles = parsed.isEmpty ? [.reporter] : parsed
        case .failure(let unknown):
            let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure("Unknown role \(unknown.name). Roles: \(known).")
        }
        guard let password = readLine(strippingNewline: true), password.count >= Self.minimumPasswordLength else {
            throw CommandFailure(
                "Give a password of at least \(Self.minimumPasswordLength) characters on standard input.")
        }
        if try await UserModel.query(on: app.db).filter(\.$email == email).first() != nil {
            throw CommandFailure("A user with this e-mail already exists.")
        }
        let hash = try await app.password.async.hash(password)
        let user = UserModel(email: email, name: name, passwordHash: hash, createdAt: app.clock.now())
        try await app.db.transaction { tx in
            try await user.create(on: tx)
            for role in roles.sorted(by: { $0.rawValue < $1.rawValue }) {
                try await RoleAssignmentModel(userID: try user.requireID(), role: role.rawValue).create(on: tx)
            }
        }
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

/// A command's refusal: printed, and the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
