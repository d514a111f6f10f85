import Foundation
import Logging
import NIOConcurrencyHelpers
import RiposteCore
import RiposteStorage
import Vapor

/// `RIPOSTE_LOG_FORMAT=json` (#19 point 2): one JSON object per line on standard output, for a
/// log collector (journald, Loki, Elasticsearch) to read without a pattern: `time` (RFC 3339,
/// UTC, milliseconds), `level`, `logger`, `message`, then every metadata member (the request's
/// `request-id` among them) as a member of its own.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let output: JSONLogOutput

    init(label: String, level: Logger.Level, output: JSONLogOutput = .standardOutput) {
        self.label = label
        self.logLevel = level
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let given = event.metadata { all.merge(given) { _, new in new } }
        output.write(Self.line(event: event, label: label, metadata: all, at: Date()))
    }

    /// One line; metadata named like one of the line's own members (`time`, `level`, `logger`,
    /// `message`, `error`) is written as `meta.<name>`, so that those stay what they say.
    static func line(event: LogEvent, label: String, metadata: Logger.Metadata, at time: Date) -> String {
        var bytes: [UInt8] = []
        bytes += #"{"time":"#.utf8
        JSONText.appendString(RFC3339.format(time), to: &bytes)
        bytes += #","level":"#.utf8
        JSONText.appendString(event.level.rawValue, to: &bytes)
        bytes += #","logger":"#.utf8
        JSONText.appendString(label, to: &bytes)
        bytes += #","message":"#.utf8
        JSONText.appendString(event.message.description, to: &bytes)
        if let error = event.error {
            bytes += #","error":"#.utf8
            JSONText.appendString(String(describing: error), to: &bytes)
        }
        for key in metadata.keys.sorted() {
            bytes.append(UInt8(ascii: ","))
            let reserved = ["time", "level", "logger", "message", "error"].contains(key)
            JSONText.appendString(reserved ? "meta.\(key)" : key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            append(metadata[key]!, to: &bytes)
        }
        bytes += "}\n".utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ value: Logger.Metadata.Value, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text): JSONText.appendString(text, to: &bytes)
        case .stringConvertible(let value): JSONText.appendString(value.description, to: &bytes)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .dictionary(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONText.appendString(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                append(members[key]!, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }
}

/// Where the lines go: whole lines, one writer at a time, so that two threads' lines never mix.
final class JSONLogOutput: Sendable {
    private let lock = NIOLock()
    private let handle: FileHandle

    init(handle: FileHandle) {
        self.handle = handle
    }

    static let standardOutput = JSONLogOutput(handle: .standardOutput)

    /// A line that cannot be written (the reader went away, the disk is full) is dropped:
    /// `FileHandle.write(_:)` would stop the server for it.
    func write(_ line: String) {
        lock.withLock { try? handle.write(contentsOf: Data(line.utf8)) }
    }
}

/// The log's format, chosen at start: Vapor's own lines, or JSON.
enum LogFormat: String {
    case text
    case json

    static func fromEnvironment() throws -> LogFormat {
        try named(Environment.get("RIPOSTE_LOG_FORMAT"))
    }

    static func named(_ value: String?) throws -> LogFormat {
        guard let value, !value.isEmpty else { return .text }
        guard let format = LogFormat(rawValue: value.lowercased()) else {
            throw StartupFault.notOneOf(variable: "RIPOSTE_LOG_FORMAT", value: value, allowed: ["text", "json"])
        }
        return format
    }
}
