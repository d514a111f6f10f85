import Vapor

/// SQLite has a single writer. Queueing this process's write transactions here, in
/// order, spares the connections from spinning on SQLite's busy handler; PostgreSQL
/// needs no gate, its row locks order the writers of one incident.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func withTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard enabled else { return try await body() }
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

extension Application {
    private struct WriteGateKey: StorageKey {
        typealias Value = WriteGate
    }

    var writeGate: WriteGate {
        get { storage[WriteGateKey.self] ?? WriteGate(enabled: false) }
        set { storage[WriteGateKey.self] = newValue }
    }
}
