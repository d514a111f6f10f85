import Vapor

extension Response {
    /// A JSON response with the API's date rules, and the incident's version as its ETag
    /// when the body belongs to one incident.
    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok, version: Int? = nil) throws -> Response
    {
        let response = Response(status: status)
        try response.content.encode(value, using: DateCoding.encoder)
        response.setETag(version)
        return response
    }

    /// A body already written as JSON (the register's pages, whole incidents), with the same
    /// headers as `json(_:status:version:)`.
    static func json(text: String, status: HTTPResponseStatus = .ok, version: Int? = nil) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let response = Response(status: status, headers: headers, body: .init(string: text))
        response.setETag(version)
        return response
    }

    private func setETag(_ version: Int?) {
        if let version { headers.replaceOrAdd(name: .eTag, value: ETag.header(for: version)) }
    }
}
