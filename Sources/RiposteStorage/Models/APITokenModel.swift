import FluentKit
import FluentSQL
import Foundation

/// Only the SHA-256 of a token is kept: a copy of the database opens no account.
package final class APITokenModel: Model, @unchecked Sendable {
    package static let schema = "api_tokens"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: UserModel
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(userID: UUID, tokenHash: String, createdAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}
