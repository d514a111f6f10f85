import Vapor

extension Response {
    /// A JSON response with the API's date rules, and the incident's version as its ETag
    /// when the body belongs to one incident.
    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok, version: Int? = nil) throws -> Response
    {
        let response = Response(status: status)
        try response.content.encode(value, using: DateCoding.encoder)
        if let version { response.headers.replaceOrAdd(name: .eTag, value: ETag.header(for: version)) }
        return response
    }
}
