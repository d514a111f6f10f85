import Foundation
import RiposteCore
import Testing

@testable import RiposteApp

@Suite("UUID text")
struct UUIDTextTests {
    @Test("the same text as Foundation's uuidString, in both cases")
    func matchesFoundation() {
        for _ in 0..<5_000 {
            let id = UUID()
            #expect(id.uppercaseText == id.uuidString)
            #expect(id.lowercaseText == id.uuidString.lowercased())
        }
        let known = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
        #expect(known.lowercaseText == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
    }

    @Test("reads what Foundation writes, in either case, and refuses malformed text")
    func parsesLikeFoundation() {
        for _ in 0..<5_000 {
            let id = UUID()
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.lowercaseText) == id)
        }
        let valid = "6f9619ff-8b86-D011-b42d-00c04fc964ff"
        #expect(UUID(text: valid) == UUID(uuidString: valid))
        let malformed = [
            "", "6f9619ff8b86d011b42d00c04fc964ff", "6f9619ff-8b86-d011-b42d-00c04fc964f",
            "6f9619ff-8b86-d011-b42d-00c04fc964fff", "6f9619ff_8b86-d011-b42d-00c04fc964ff",
            "6f9619ff-8b86-d011-b42d-00c04fc964fg", "6f9619ff-8b86-d011-b42d-00c04fc964f\u{e9}",
            "{6f9619ff-8b86-d011-b42d-00c04fc964}", " 6f9619ff-8b86-d011-b42d-00c04fc964f",
        ]
        for text in malformed {
            // Stricter than Foundation, whose `sscanf` takes "{6f9619ff-…-00c04fc964}" as a UUID.
            #expect(UUID(text: text) == nil, "\(text)")
        }
    }
}
