import Foundation
import Testing

@testable import RiposteApp

@Suite("Random identifiers")
struct RandomUUIDTests {
    @Test("version 4, RFC 4122 variant, all different") func uuids() {
        let ids = (0..<10_000).map { _ in UUID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = id.uuidString
            #expect(Array(text)[14] == "4")
            #expect("89AB".contains(Array(text)[19]))
        }
    }
}
