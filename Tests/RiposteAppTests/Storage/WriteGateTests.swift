import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Write transactions")
struct WriteGateTests {
    struct Refused: Error {}

    /// The app's gate, but one that lets a write wait minutes: these tests are about which
    /// writes land, and on a loaded machine a write may well wait more than the served bound
    /// (`boundedQueue` checks that bound). A write refused as busy would fail them for the
    /// wrong reason.
    static func patientGate(_ t: TestApp) -> WriteGate {
        guard t.app.databases.ids().contains(.sqliteWriter) else { return t.app.writeGate }
        return WriteGate(
            sqliteWriter: t.app.db(.sqliteWriter), checkpointer: t.app.db(.sqlite), maxWait: .seconds(600))
    }

    @Test("concurrent writes that fail leave nothing, the others all land") func failuresAreIsolated() async throws {
        try await withTestApp { t in
            let gate = Self.patientGate(t)
            let results = await withTaskGroup(of: (Int, String).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            try await gate.transaction(on: t.db) { tx in
                                try await EssentialActivityModel(name: "activité \(index)", rtoSeconds: 60).create(
                                    on: tx)
                                if index % 2 == 1 { throw Refused() }
                            }
                            return (index, "stored")
                        } catch is Refused {
                            return (index, "refused")
                        } catch {
                            return (index, "\(error)")
                        }
                    }
                }
                return await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 40)
            let unexpected = results.filter { $0.value != ($0.key % 2 == 0 ? "stored" : "refused") }
            #expect(unexpected.isEmpty, "\(unexpected)")
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

    /// Files essential activities in one statement per group, and says how many it was given.
    struct ActivityWrite: GroupableWrite {
        static let groupSizes = NIOLockedValueBox<[Int]>([])
        let name: String

        static func store(_ writes: [ActivityWrite], on database: any Database) async throws {
            groupSizes.withLockedValue { $0.append(writes.count) }
            let rows = writes.map { [UUID.random(), $0.name, 3600] as [any CellValue] }
            try await BulkInsert.run(
                "essential_activities", ["id", "name", "rto_seconds"], rows, on: try database.sql())
        }
    }

    @Test("writes of one kind queued together share their statements; one at fault is refused alone")
    func groupedWrites() async throws {
        try await withTestApp { t in
            let gate = Self.patientGate(t)
            ActivityWrite.groupSizes.withLockedValue { $0 = [] }
            try await gate.store(ActivityWrite(name: "Paie"), on: t.db)
            // Every third one repeats "Paie", whose name is taken: it alone must be refused.
            let results = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let name = index % 3 == 0 ? "Paie" : "activité \(index)"
                        do {
                            try await gate.store(ActivityWrite(name: name), on: t.db)
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 30)
            #expect(results.allSatisfy { $0.value == ($0.key % 3 != 0) })
            let names = try await EssentialActivityModel.query(on: t.db).all().map(\.name)
            #expect(names.count == 21)
            #expect(Set(names) == Set(["Paie"] + (0..<30).filter { $0 % 3 != 0 }.map { "activité \($0)" }))
            let sizes = ActivityWrite.groupSizes.withLockedValue { $0 }
            if try t.db.sql().dialect.name == "sqlite" {
                // 31 writes from 31 tasks: while the first commit syncs, the others queue up.
                #expect(sizes.contains { $0 > 1 })
            } else {
                #expect(sizes.allSatisfy { $0 == 1 })
            }
        }
    }

    @Test("SQLite: a write that waited too long, or finds the queue full, is refused as busy and leaves nothing")
    func boundedQueue() async throws {
        try await withTestApp { t in
            guard t.app.databases.ids().contains(.sqliteWriter) else { return }
            let gate = WriteGate(sqliteWriter: t.app.db(.sqliteWriter), maxWait: .milliseconds(200), maxPending: 2)
            let outcomes = await withTaskGroup(of: (Int, String).self) { group in
                for index in 0..<4 {
                    group.addTask {
                        // The first holds the writer for half a second; the others queue behind it.
                        if index > 0 { try? await Task.sleep(for: .milliseconds(50 * index)) }
                        do {
                            try await gate.transaction(on: t.db) { tx in
                                try await EssentialActivityModel(name: "activité \(index)", rtoSeconds: 60).create(
                                    on: tx)
                                if index == 0 { try await Task.sleep(for: .milliseconds(500)) }
                            }
                            return (index, "stored")
                        } catch let busy as ServerBusy {
                            if case .writesWaiting = busy { return (index, "full") }
                            return (index, "late")
                        } catch {
                            return (index, "\(error)")
                        }
                    }
                }
                return await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes == [0: "stored", 1: "late", 2: "late", 3: "full"], "\(outcomes)")
            let names = try await EssentialActivityModel.query(on: t.db).all().map(\.name)
            #expect(names == ["activité 0"])
        }
    }
}
