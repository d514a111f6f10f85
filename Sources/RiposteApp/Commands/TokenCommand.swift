import Foundation
import Vapor

/// `riposte token create | list | revoke`: API tokens from the command line. A token is printed
/// once (only its digest is kept); the server's operator acts for anyone.
struct TokenCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "create": TokenCreateCommand(), "list": TokenListCommand(), "revoke": TokenRevokeCommand(),
    ]
    var help: String { "Manage API tokens." }
}

extension Application {
    /// The account use cases as the server's operator runs them (no actor, the same rules).
    var operatorAccount: AccountActions {
        AccountActions(
            store: accounts(on: db), passwords: passwordWork, actor: nil, now: clock.now())
    }

    func userID(email raw: String?) async throws -> UUID {
        guard let email = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty else {
            throw CommandFailure("--email is required.")
        }
        guard let person = try await accounts(on: db).person(email: email) else {
            throw CommandFailure("No user with this e-mail.")
        }
        return person.id
    }
}

struct TokenCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The user the token acts as.") var email: String?
        @Option(name: "name", help: "What the token is for (default: command line).") var name: String?
        @Option(name: "expires-in-days", help: "Days until the token expires (default: never).") var days: Int?
    }

    var help: String { "Create an API token for a user and print it once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let id = try await app.userID(email: signature.email)
        do {
            let made = try await app.operatorAccount.createToken(
                for: id, name: signature.name ?? "command line", expiresInDays: signature.days)
            context.console.print(made.token)
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandFailure(error.message)
        }
    }
}

struct TokenListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Only this user's tokens.") var email: String?
    }

    var help: String { "List API tokens: id, user, name, created, expires, last used." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let owner = signature.email == nil ? nil : try await app.userID(email: signature.email)
        let tokens = try await app.accounts(on: app.db).tokens(of: owner)
        let format = ISO8601DateFormatter()
        for token in tokens {
            let fields = [
                token.id.uuidString.lowercased(), token.userEmail, token.name, format.string(from: token.createdAt),
                token.expiresAt.map(format.string) ?? "-", token.lastUsedAt.map(format.string) ?? "-",
            ]
            context.console.print(fields.joined(separator: "\t"))
        }
    }
}

struct TokenRevokeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The token's id (see `riposte token list`).") var id: String
    }

    var help: String { "Revoke an API token: it stops working at once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let id = UUID(uuidString: signature.id) else { throw CommandFailure("Not a token id: \(signature.id)") }
        do {
            try await context.application.operatorAccount.revokeToken(id)
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandFailure(error.message)
        }
        context.console.print("Revoked \(id.uuidString.lowercased()).")
    }
}
