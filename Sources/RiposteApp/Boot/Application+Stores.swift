import Fluent
import RiposteCore
import RiposteStorage
import Vapor

/// Where the app keeps its stores and shared storage state: made once at boot (`configure`),
/// reached by requests, commands and background jobs. Storage itself knows nothing of Vapor.
extension Application {
    private struct KnownTokensKey: StorageKey {
        typealias Value = KnownTokens
    }

    /// Made once at boot (see `configure`), shared by every request of this process.
    var knownTokens: KnownTokens {
        get { storage[KnownTokensKey.self] ?? KnownTokens() }
        set { storage[KnownTokensKey.self] = newValue }
    }

    func accounts(on database: any Database) -> AccountStore {
        AccountStore(database: database, gate: writeGate, tokens: knownTokens)
    }

    private struct WriteGateKey: StorageKey {
        typealias Value = WriteGate
    }

    var writeGate: WriteGate {
        get { storage[WriteGateKey.self] ?? WriteGate(sqliteWriter: nil) }
        set { storage[WriteGateKey.self] = newValue }
    }

    var escalationSweep: EscalationSweep {
        EscalationSweep(
            batches: DueEscalations(database: db, gate: writeGate),
            settings: SettingsStore(database: db, gate: writeGate),
            regulation: RegulatorySweep(
                store: IncidentStore(database: db, gate: writeGate, numbering: incidentNumbering),
                regulation: RegulationStore(database: db, gate: writeGate), logger: logger))
    }

    private struct NumberingKey: StorageKey {
        typealias Value = IncidentNumbering
    }

    /// Set once by `configure`, before any request: storage is not for concurrent writes.
    var incidentNumbering: IncidentNumbering {
        get { storage[NumberingKey.self] ?? IncidentNumbering() }
        set { storage[NumberingKey.self] = newValue }
    }

    private struct FileStoreKey: StorageKey {
        typealias Value = FileStore
    }

    var files: FileStore {
        get { storage[FileStoreKey.self] ?? FileStore(path: Environment.get("RIPOSTE_FILES") ?? "riposte-files") }
        set { storage[FileStoreKey.self] = newValue }
    }
}

extension Request {
    var settings: SettingsStore { SettingsStore(database: db, gate: application.writeGate) }

    var incidents: IncidentStore {
        IncidentStore(
            database: db, gate: application.writeGate, numbering: application.incidentNumbering)
    }

    var regulation: RegulationStore { RegulationStore(database: db, gate: application.writeGate) }

    var webSessions: WebSessionStore { WebSessionStore(database: db, gate: application.writeGate) }
}
