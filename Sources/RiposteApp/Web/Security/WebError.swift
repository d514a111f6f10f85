import Vapor

/// A refusal shown as a page: the status and the catalogue key of the sentence to show.
struct WebError: Error {
    let status: HTTPResponseStatus
    let messageKey: String
    var arguments: [String] = []

    init(_ status: HTTPResponseStatus, messageKey: String, arguments: [String] = []) {
        self.status = status
        self.messageKey = messageKey
        self.arguments = arguments
    }
}
