import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Readiness (#19 point 2)")
struct ReadinessTests {
    struct ReadyJSON: Decodable {
        let status: String
        let failed: String?
        let checks: [String: String]
    }

    @Test("ready on both engines, check by check; a missing e-mail command or a folder that takes no file is named")
    func ready() async throws {
        try await withTestApp { t in
            var response = try await t.send(.GET, "/health/ready", as: nil)
            #expect(response.status == .ok, "\(response.body.string)")
            var answer = try response.decode(ReadyJSON.self)
            #expect(answer.status == "ready" && answer.failed == nil)
            #expect(answer.checks == ["database": "ok", "schema": "ok", "files": "ok", "sendmail": "not_configured"])

            t.app.notificationSettings.sendmail = ["/nonexistent/sendmail", "-t"]
            response = try await t.send(.GET, "/health/ready", as: nil)
            #expect(response.status == .serviceUnavailable)
            answer = try response.decode(ReadyJSON.self)
            #expect(answer.failed == "sendmail" && answer.checks["sendmail"] == "missing")

            t.app.notificationSettings.sendmail = nil
            let saved = t.app.files
            t.app.files = FileStore(path: "/proc/riposte-cannot-write-here")
            response = try await t.send(.GET, "/health/ready", as: nil)
            t.app.files = saved
            #expect(response.status == .serviceUnavailable)
            #expect(try response.decode(ReadyJSON.self).failed == "files")
            #expect(try await t.send(.GET, "/health", as: nil).status == .ok, "liveness stays cheap and up")
        }
    }
}
