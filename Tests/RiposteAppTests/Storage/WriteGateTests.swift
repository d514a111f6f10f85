import Fluent
import Foundation
import Testing

@testable import RiposteApp

@Suite("Write transactions")
struct WriteGateTests {
    struct Refused: Error {}

    @Test("concurrent writes that fail leave nothing, the others all land") func failuresAreIsolated() async throws {
        try await withTestApp { t in
            let gate = t.app.writeGate
            let results = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            try await gate.transaction(on: t.db) { tx in
                                try await EssentialActivityModel(name: "activité \(index)", rtoSeconds: 60).create(
                                    on: tx)
                                if index % 2 == 1 { throw Refused() }
                            }
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 40)
            #expect(results.allSatisfy { $0.value == ($0.key % 2 == 0) })
            let names = Set(try await EssentialActivityModel.query(on: t.db).all().map(\.name))
            #expect(names == Set((0..<40).filter { $0 % 2 == 0 }.map { "activité \($0)" }))
            // A batch undone because one of its writes failed is run again: each write lands once.
            #expect(try await EssentialActivityModel.query(on: t.db).count() == 20)
        }
    }

    @Test("a write that breaks a constraint is refused alone") func constraintIsolated() async throws {
        try await withTestApp { t in
            let gate = t.app.writeGate
            try await gate.transaction(on: t.db) { tx in
                try await EssentialActivityModel(name: "Paie", rtoSeconds: 60).create(on: tx)
            }
            await #expect(throws: (any Error).self) {
                try await gate.transaction(on: t.db) { tx in
                    try await EssentialActivityModel(name: "Facturation", rtoSeconds: 60).create(on: tx)
                    try await EssentialActivityModel(name: "Paie", rtoSeconds: 60).create(on: tx)
                }
            }
            let names = try await EssentialActivityModel.query(on: t.db).all().map(\.name)
            #expect(names == ["Paie"])
        }
    }
}
