import Testing

@testable import RiposteCore

@Suite("Files recognised as they arrive")
struct FileSnifferTests {
    static let text = Array("Plan de continuité — équipe 🚨 prête".utf8)

    @Test("text cut anywhere, even inside a character, is still text") func textInChunks() {
        for cut in 0...Self.text.count {
            var sniffer = FileSniffer()
            sniffer.feed(Self.text[..<cut])
            sniffer.feed(Self.text[cut...])
            #expect(sniffer.type == .text, "cut at \(cut)")
            #expect(sniffer.size == Self.text.count)
        }
    }

    @Test("text in one-byte chunks is still text") func textByteByByte() {
        var sniffer = FileSniffer()
        for byte in Self.text { sniffer.feed([byte]) }
        #expect(sniffer.type == .text)
    }

    @Test("a signature split over two chunks is recognised") func signatureInChunks() {
        var sniffer = FileSniffer()
        sniffer.feed(Array("%P".utf8))
        sniffer.feed(Array("DF-1.7\n".utf8) + [0, 0xFF])
        #expect(sniffer.type == .pdf)
    }

    @Test("text that turns binary later, or stops mid-character, is no document") func notText() {
        var withNul = FileSniffer(Self.text)
        withNul.feed([0x41, 0])
        #expect(withNul.type == nil)
        var cutShort = FileSniffer(Self.text)
        cutShort.feed([0xF0, 0x9F])
        #expect(cutShort.type == nil)
        var invalidLater = FileSniffer(Self.text)
        invalidLater.feed([0x80, 0x41])
        #expect(invalidLater.type == nil)
        #expect(FileSniffer().type == nil, "nothing is no document")
    }

    @Test("the limit is checked on the size counted, not on bytes held") func sizeLimit() {
        var sniffer = FileSniffer(Array("%PDF-".utf8))
        sniffer.feed([UInt8](repeating: 32, count: DocumentRules.maxFileBytes))
        #expect(throws: FieldError(field: "file", problem: .tooLong, limit: DocumentRules.maxFileBytes)) {
            try DocumentRules.file(sniffer, declared: nil)
        }
    }
}
