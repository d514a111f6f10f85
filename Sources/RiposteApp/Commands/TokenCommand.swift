import Foundation
import Vapor

/// `riposte token create | list | revoke`: API tokens from the command line. A token is printed
/// once (only its digest is kept); the server's operator acts for anyone.
struct TokenCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "create": TokenCreateCommand(), "list": TokenListCommand(), "revoke": TokenRevokeCommand(),
    ]
    var help: String { CommandText.say("cli.token.help") }
}

extension Application {
    /// The account use cases as the server's operator runs them (no actor, the same rules).
    var operatorAccount: AccountActions {
        AccountActions(
            store: accounts(on: db), passwords: passwordWork, actor: nil, now: clock.now())
    }

    func userID(email raw: String?) async throws -> UUID {
        guard let email = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty else {
            throw CommandFailure(CommandText.say("cli.email_required"))
        }
        guard let person = try await accounts(on: db).person(email: email) else {
            throw CommandFailure(CommandText.say("cli.no_such_user"))
        }
        return person.id
    }
}

struct TokenCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: CommandText.say("cli.token.create.email")) var email: String?
        @Option(name: "name", help: CommandText.say("cli.token.create.name")) var name: String?
        @Option(name: "expires-in-days", help: CommandText.say("cli.token.create.days")) var days: Int?
    }

    var help: String { CommandText.say("cli.token.create.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let id = try await app.userID(email: signature.email)
        do {
            let made = try await app.operatorAccount.createToken(
                for: id, name: signature.name ?? CommandText.say("cli.token.default_name"),
                expiresInDays: signature.days)
            context.console.print(made.token)
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandText.refusal(error)
        }
    }
}

struct TokenListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: CommandText.say("cli.token.list.email")) var email: String?
    }

    var help: String { CommandText.say("cli.token.list.help") }

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
        @Argument(name: "id", help: CommandText.say("cli.token.revoke.id")) var id: String
    }

    var help: String { CommandText.say("cli.token.revoke.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let id = UUID(uuidString: signature.id) else {
            throw CommandFailure(CommandText.say("cli.token.not_an_id", signature.id))
        }
        do {
            try await context.application.operatorAccount.revokeToken(id)
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            throw CommandText.refusal(error)
        }
        context.console.print(CommandText.say("cli.token.revoked", id.uuidString.lowercased()))
    }
}
