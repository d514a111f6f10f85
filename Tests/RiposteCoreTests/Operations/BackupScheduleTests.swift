import Foundation
import Testing

@testable import RiposteCore

@Suite("Backup schedule")
struct BackupScheduleTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("stale with none, or after two days, not a second before")
    func stale() {
        #expect(BackupSchedule.isStale(lastAt: nil, now: Self.now))
        #expect(!BackupSchedule.isStale(lastAt: Self.now.addingTimeInterval(-2 * 86_400), now: Self.now))
        #expect(BackupSchedule.isStale(lastAt: Self.now.addingTimeInterval(-2 * 86_400 - 1), now: Self.now))
        #expect(!BackupSchedule.isStale(lastAt: Self.now, now: Self.now))
    }

    @Test("archives are named by their UTC time, and only the newest are kept")
    func names() {
        #expect(BackupSchedule.archiveName(at: Self.now) == "riposte-20270115-080000.zip")
        let names = [
            "riposte-20270113-080000.zip", "notes.txt", "riposte-20270115-080000.zip", "riposte-20270114-080000.zip",
            "other.zip",
        ]
        #expect(BackupSchedule.toRemove(names, keep: 2) == ["riposte-20270113-080000.zip"])
        #expect(
            BackupSchedule.toRemove(names, keep: 0) == ["riposte-20270114-080000.zip", "riposte-20270113-080000.zip"])
        #expect(BackupSchedule.toRemove(names, keep: 5).isEmpty)
    }
}
