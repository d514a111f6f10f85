import Foundation
import Testing

@testable import RiposteApp

@Suite("Random identifiers")
struct RandomUUIDTests {
    @Test("version 4, RFC 4122 variant, and no repeat across several blocks of the pool")
    func uniqueVersion4() {
        var seen = Set<UUID>()
        for _ in 0..<10_000 {
            let id = UUID.random()
            let text = id.uuidString
            #expect(Array(text)[14] == "4")
            #expect("89AB".contains(Array(text)[19]))
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test("identifiers drawn from many tasks at once never collide")
    func concurrent() async {
        let batches = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<8 { group.addTask { (0..<2_000).map { _ in UUID.random() } } }
            var all: [UUID] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(Set(batches).count == 16_000)
    }
}
