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

    @Test("time-ordered: version 7, the millisecond first, sorted by time, no repeat within one")
    func timeOrdered() {
        let at = Date(timeIntervalSince1970: 1_795_000_000.123)
        let id = UUID.timeOrdered(at: at)
        let text = id.uuidString
        #expect(Array(text)[14] == "7")
        #expect("89AB".contains(Array(text)[19]))
        // 1,795,000,000,123 ms is 0x01A1EE565E7B.
        #expect(text.hasPrefix("01A1EE56-5E7B-"))
        let sameMillisecond = (0..<10_000).map { _ in UUID.timeOrdered(at: at) }
        #expect(Set(sameMillisecond).count == 10_000)
        #expect(sameMillisecond.allSatisfy { $0.uuidString.hasPrefix("01A1EE56-5E7B-") })
        let later = (1...100).map { UUID.timeOrdered(at: at.addingTimeInterval(Double($0) / 1000)) }
        #expect(later.map(\.uuidString) == later.map(\.uuidString).sorted())
        #expect(later[0].uuidString > text)
    }
}
