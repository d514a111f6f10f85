import Foundation

/// Annex 2 of the plan: the documents the plan relies on.
public enum DocumentKind: String, CaseIterable, Codable, Sendable {
    case riskAssessment = "risk_assessment"
    case riskTreatment = "risk_treatment"
    case bcp
    case cmp
    case drp
    case other
}

/// The files Riposte keeps, recognised by their first bytes, never by what the sender says:
/// a file claiming one type and holding another is refused.
public enum DocumentFileType: String, CaseIterable, Codable, Sendable {
    case pdf
    case png
    case jpeg
    /// Office Open XML and OpenDocument files are ZIP archives.
    case officeArchive = "office"
    case text

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .officeArchive: "application/zip"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// The media types a sender may declare for this content.
    public var acceptedDeclarations: Set<String> {
        switch self {
        case .pdf: ["application/pdf"]
        case .png: ["image/png"]
        case .jpeg: ["image/jpeg", "image/jpg"]
        case .officeArchive:
            [
                "application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            ]
        case .text: ["text/plain", "text/markdown", "text/csv"]
        }
    }

    /// What the bytes are, or nil when Riposte does not keep such files.
    public static func sniff(_ bytes: [UInt8]) -> DocumentFileType? { FileSniffer(bytes).type }
}

public enum DocumentRules {
    public static let maxFileBytes = 10 * 1024 * 1024

    public static func file(_ bytes: [UInt8], declared: String?) throws(FieldError) -> DocumentFileType {
        try file(FileSniffer(bytes), declared: declared)
    }

    /// Checks a file: not empty, within the limit, of a kept type, and what it says it is.
    public static func file(_ sniffed: FileSniffer, declared: String?) throws(FieldError) -> DocumentFileType {
        guard sniffed.size > 0 else { throw FieldError(field: "file", problem: .required) }
        guard sniffed.size <= maxFileBytes else {
            throw FieldError(field: "file", problem: .tooLong, limit: maxFileBytes)
        }
        guard let type = sniffed.type else { throw FieldError(field: "file", problem: .invalid) }
        if let declared = declared?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
            !declared.isEmpty, declared != "application/octet-stream", !type.acceptedDeclarations.contains(declared)
        {
            throw FieldError(field: "file", problem: .invalid)
        }
        return type
    }

    /// The name to show and offer on download: the last path component only, without control
    /// characters or quotes, at most 200 characters. The file itself is stored under a random name.
    public static func displayName(_ raw: String?) -> String {
        let last = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" }
        let name = String(String.UnicodeScalarView(cleaned)).trimmingCharacters(in: .whitespaces)
        let safe = name.isEmpty || name == "." || name == ".." ? "document" : name
        return String(safe.prefix(200))
    }

    /// A link: an absolute http or https address.
    public static func link(_ raw: String?) throws(FieldError) -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try WebhookURLRule.check(raw, field: "link")
    }

    /// A day as YYYY-MM-DD.
    public static func day(_ raw: String?, field: String) throws(FieldError) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard raw.count == 10, let date = RFC3339.parse(raw + "T00:00:00Z"),
            date.formatted(.iso8601.year().month().day()) == raw
        else { throw FieldError(field: field, problem: .invalid) }
        return raw
    }
}
