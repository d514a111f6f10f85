import Foundation
import RiposteStorage
import Vapor

/// `GET /health/ready` (#19 point 2): whether this instance can do its work, check by check:
/// the database answers, its schema is this Riposte's, the files folder takes writes, the
/// e-mail command exists when one is configured. 503 names the first check that failed;
/// `/health` stays the cheap liveness check.
enum Readiness {
    struct Answer: Content {
        let status: String
        let failed: String?
        let checks: [String: String]
    }

    static func check(_ req: Request) async throws -> Response {
        var checks: [String: String] = [:]
        var failed: String?
        func record(_ name: String, _ outcome: String) {
            checks[name] = outcome
            if outcome != "ok", outcome != "not_configured", failed == nil { failed = name }
        }
        do {
            let sql = try req.db.sql()
            try await DatabaseUpkeep.ping(sql)
            record("database", "ok")
            let run = try await DatabaseUpkeep.migrationsRun(sql)
            record("schema", run == MigrationList.all.count ? "ok" : "behind")
        } catch {
            record("database", "unreachable")
        }
        record("files", writable(req.application.files.directory) ? "ok" : "not_writable")
        if let command = req.application.notificationSettings.sendmail {
            record("sendmail", ExternalCommand.find(command[0]) != nil ? "ok" : "missing")
        } else {
            record("sendmail", "not_configured")
        }
        let answer = Answer(status: failed == nil ? "ready" : "not_ready", failed: failed, checks: checks)
        let response = Response(status: failed == nil ? .ok : .serviceUnavailable)
        try response.content.encode(answer)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The folder exists (or can be made) and takes a file.
    static func writable(_ directory: URL) -> Bool {
        let probe = directory.appendingPathComponent(".ready-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else { return false }
            try FileManager.default.removeItem(at: probe)
            return true
        } catch {
            return false
        }
    }
}
