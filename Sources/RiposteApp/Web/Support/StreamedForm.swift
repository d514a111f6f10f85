import MultipartKit
import NIOConcurrencyHelpers
import RiposteCore
import RiposteStorage
import Vapor

/// A `multipart/form-data` form with one file, read as it arrives: its fields stay in memory (a
/// form's size at most), its file goes straight to a temporary file of the store. The CSRF
/// token must come before the file, as the forms put it, so a forged post is refused before a
/// byte of its file is written.
final class StreamedForm: @unchecked Sendable {
    private let lock = NIOLock()
    private let parser: MultipartParser
    private let store: FileStore
    private let fileField: String
    private let isGenuine: @Sendable (String?) -> Bool
    private var fields: [String: String] = [:]
    private var fieldBytes = 0
    private var partHeaders = HTTPHeaders()
    private var partValue: [UInt8] = []
    private var part: Part = .notStarted
    private var received: (file: IncomingFile, declared: String?, name: String?)?
    private var failure: (any Error)?
    private var bodyBytes = 0

    private enum Part { case notStarted, field(String), file, ignored }

    /// The whole body's limit: the file's and a form's.
    static let bodyLimit = DocumentRules.maxFileBytes + Request.maxBodyBytes

    /// Reads the request's form; throws 403 for a missing or wrong token, 413 beyond the limit.
    static func read(_ req: Request, fileField: String) async throws -> StreamedForm {
        guard let boundary = req.headers.contentType?.parameters["boundary"],
            req.headers.contentType?.subType == "form-data"
        else { throw WebError(.unsupportedMediaType, messageKey: "error.unsupported_media_type") }
        if let length = req.headers.first(name: .contentLength).flatMap(Int.init), length > bodyLimit {
            throw WebError(.payloadTooLarge, messageKey: "error.payload_too_large")
        }
        let form = StreamedForm(
            boundary: boundary, store: req.application.files, fileField: fileField,
            isGenuine: { [req] sent in CSRF.isValid(req, sent: sent) })
        do {
            try await req.consumeBody { try form.feed($0) }
            try form.finish()
        } catch {
            form.discard()
            throw error
        }
        return form
    }

    private init(
        boundary: String, store: FileStore, fileField: String, isGenuine: @escaping @Sendable (String?) -> Bool
    ) {
        self.parser = MultipartParser(boundary: boundary)
        self.store = store
        self.fileField = fileField
        self.isGenuine = isGenuine
        parser.onHeader = { [unowned self] name, value in partHeaders.add(name: name, value: value) }
        parser.onBody = { [unowned self] chunk in take(chunk) }
        parser.onPartComplete = { [unowned self] in completePart() }
    }

    subscript(field: String) -> String? { lock.withLock { fields[field] } }

    /// The file sent, if one was chosen; the caller owns it from now on.
    var file: DocumentActions.Upload? {
        lock.withLock { received.map { DocumentActions.Upload(file: $0.file, declared: $0.declared, name: $0.name) } }
    }

    private func feed(_ chunk: ByteBuffer) throws {
        try lock.withLock {
            bodyBytes += chunk.readableBytes
            guard bodyBytes <= Self.bodyLimit else {
                throw WebError(.payloadTooLarge, messageKey: "error.payload_too_large")
            }
            // The parser's callbacks cannot throw: they leave their error here.
            try parser.execute(chunk)
            if let failure { throw failure }
        }
    }

    private func finish() throws {
        try lock.withLock {
            guard case .notStarted = part else { throw WebError(.badRequest, messageKey: "error.bad_request") }
            guard isGenuine(fields[CSRF.field]) else { throw WebError(.forbidden, messageKey: "error.csrf") }
        }
    }

    private func discard() {
        lock.withLock { received.map { store.discard($0.file) } }
    }

    private func take(_ chunk: ByteBuffer) {
        guard failure == nil else { return }
        do {
            if case .notStarted = part { part = try begin() }
            switch part {
            case .field:
                fieldBytes += chunk.readableBytes
                guard fieldBytes <= Request.maxBodyBytes else {
                    throw WebError(.payloadTooLarge, messageKey: "error.payload_too_large")
                }
                partValue += chunk.readableBytesView
            case .file: try received?.file.write(chunk)
            case .notStarted, .ignored: break
            }
        } catch {
            failure = error
        }
    }

    /// What the part now starting is, from its headers; a file only after a genuine token.
    private func begin() throws -> Part {
        guard let disposition = partHeaders.contentDisposition, let name = disposition.name else { return .ignored }
        guard name == fileField, disposition.filename != nil else { return .field(name) }
        guard received == nil else { throw WebError(.badRequest, messageKey: "error.bad_request") }
        guard isGenuine(fields[CSRF.field]) else { throw WebError(.forbidden, messageKey: "error.csrf") }
        received = (
            try store.incoming(limit: Self.bodyLimit), partHeaders.contentType?.serialize(), disposition.filename
        )
        return .file
    }

    private func completePart() {
        if case .notStarted = part, failure == nil {
            do { part = try begin() } catch { failure = error }
        }
        switch part {
        case .field(let name): fields[name] = String(decoding: partValue, as: UTF8.self)
        // No file chosen: browsers still send the part, empty and with an empty name.
        case .file where received.map({ $0.file.sniffed.size == 0 }) == true:
            received.map { store.discard($0.file) }
            received = nil
        default: break
        }
        partHeaders = HTTPHeaders()
        partValue = []
        part = .notStarted
    }
}
