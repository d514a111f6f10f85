import Foundation
import RiposteCore
import Vapor

/// Lengths of time as people read them, in their language: "2 j 3 h", "45 min".
extension Request {
    func duration(_ countdown: Countdown) -> String {
        var parts: [String] = []
        if countdown.days > 0 { parts.append(t("duration.days", String(countdown.days))) }
        if countdown.hours > 0 { parts.append(t("duration.hours", String(countdown.hours))) }
        if countdown.minutes > 0 || parts.isEmpty { parts.append(t("duration.minutes", String(countdown.minutes))) }
        return parts.joined(separator: " ")
    }

    func duration(seconds: Int) -> String {
        duration(
            Countdown(to: Date(timeIntervalSince1970: TimeInterval(seconds)), from: Date(timeIntervalSince1970: 0)))
    }

    /// "3 h 20 min left", or "passed 1 h ago".
    func timeLeft(_ countdown: Countdown) -> String {
        countdown.passed ? t("countdown.passed", duration(countdown)) : t("countdown.left", duration(countdown))
    }
}
