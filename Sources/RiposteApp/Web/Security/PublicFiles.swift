import Vapor

/// The stylesheets and scripts, asked only for paths a file could have: for a very long one
/// the file system's `stat` fails (file name too long) and Vapor's file middleware answered
/// 500; such a path goes to the router instead, which answers 404 as for any unknown address.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware
    /// Longer than any file of `Public/`, and well under the file systems' limits.
    static let longestPath = 1_024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.utf8.count <= Self.longestPath else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
