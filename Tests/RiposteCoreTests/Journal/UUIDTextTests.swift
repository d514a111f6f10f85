import Foundation
import Testing

@testable import RiposteCore

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
}
