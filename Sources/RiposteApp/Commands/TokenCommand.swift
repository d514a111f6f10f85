import Fluent
import Vapor

/// `riposte token create --email …`: prints a new API token once; only its hash is kept.
struct TokenCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["create": TokenCreateCommand()]
    var help: String { "Manage API tokens." }
}

struct TokenCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The user the token acts as.") var email: String?
    }

    var help: String { "Create an API token for a user and print it once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty else {
            throw CommandFailure("--email is required.")
        }
        guard let user = try await UserModel.query(on: app.db).filter(\.$email == email).first() else {
            throw CommandFailure("No user with this e-mail.")
        }
        let token = TokenDigest.newToken()
        try await APITokenModel(
            userID: try user.requireID(), tokenHash: TokenDigest.digest(token), createdAt: app.clock.now()
        )
        .create(on: app.db)
        context.console.print(token)
    }
}
