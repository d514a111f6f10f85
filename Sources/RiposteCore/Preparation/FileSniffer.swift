/// What a file is, learnt from its bytes as they arrive: an upload is checked chunk by chunk,
/// so the server never has to hold a whole file to know whether to keep it.
public struct FileSniffer: Sendable {
    /// Enough for the longest signature Riposte knows (PNG's eight bytes).
    private static let headLength = 8

    public private(set) var size = 0
    private var head: [UInt8] = []
    /// The end of the last chunk when it stops inside a UTF-8 sequence: checked with the next one.
    private var unfinishedCharacter: [UInt8] = []
    private var couldBeText = true

    public init() {}

    public init(_ bytes: some Collection<UInt8>) {
        feed(bytes)
    }

    public mutating func feed(_ chunk: some Collection<UInt8>) {
        size += chunk.count
        if head.count < Self.headLength { head += chunk.prefix(Self.headLength - head.count) }
        guard couldBeText else { return }
        let bytes = unfinishedCharacter + chunk
        guard !bytes.contains(0) else {
            couldBeText = false
            return
        }
        let end = Self.endOfLastWholeCharacter(bytes)
        couldBeText = String(validating: bytes[..<end], as: UTF8.self) != nil
        unfinishedCharacter = Array(bytes[end...])
    }

    /// What the bytes so far are, or nil when Riposte does not keep such files.
    public var type: DocumentFileType? {
        func starts(_ prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .officeArchive }
        // Text: valid UTF-8 without NUL (served as an attachment, never shown inline).
        if size > 0, couldBeText, unfinishedCharacter.isEmpty { return .text }
        return nil
    }

    /// Where the bytes stop being whole characters: before a lead byte whose sequence is cut off.
    private static func endOfLastWholeCharacter(_ bytes: [UInt8]) -> Int {
        for back in stride(from: 1, through: min(3, bytes.count), by: 1) {
            let byte = bytes[bytes.count - back]
            if byte < 0x80 { break }
            guard byte & 0xC0 == 0xC0 else { continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            return length > back ? bytes.count - back : bytes.count
        }
        return bytes.count
    }
}
