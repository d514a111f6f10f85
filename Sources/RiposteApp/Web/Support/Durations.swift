import Foundation
import RiposteCore
import Vapor

/// Lengths of time as people read them, in their language: "2 j 3 h", "45 min".
enum Durations {
    static func words(_ countdown: Countdown, language: Language, wording: Catalogue) -> String {
        var parts: [String] = []
        if countdown.days > 0 { parts.append(wording.text("duration.days", language, [String(countdown.days)])) }
        if countdown.hours > 0 { parts.append(wording.text("duration.hours", language, [String(countdown.hours)])) }
        if countdown.minutes > 0 || parts.isEmpty {
            parts.append(wording.text("duration.minutes", language, [String(countdown.minutes)]))
        }
        return parts.joined(separator: " ")
    }

    static func words(seconds: Int, language: Language, wording: Catalogue) -> String {
        words(
            Countdown(to: Date(timeIntervalSince1970: TimeInterval(seconds)), from: Date(timeIntervalSince1970: 0)),
            language: language, wording: wording)
    }
}

extension Request {
    /// A duration as a form field shows it, one number and its unit in the person's language
    /// ("4 heures", "90 minutes", "2 dagen"), which `DurationRule.typed` reads back; ISO 8601
    /// for what is not whole minutes.
    func durationField(_ duration: ISODuration) -> String {
        DurationText.words(duration.seconds, in: pageLanguage, wording: application.catalogue)
    }

    /// Why a typed duration was refused, said for durations rather than for any field.
    func durationProblem(_ error: FieldError) -> String {
        error.problem == .outOfRange ? t("duration.range") : t("duration.invalid")
    }

    func duration(_ countdown: Countdown) -> String {
        Durations.words(countdown, language: pageLanguage, wording: application.catalogue)
    }

    func duration(seconds: Int) -> String {
        Durations.words(seconds: seconds, language: pageLanguage, wording: application.catalogue)
    }

    /// "3 h 20 min left", or "passed 1 h ago".
    func timeLeft(_ countdown: Countdown) -> String {
        countdown.passed ? t("countdown.passed", duration(countdown)) : t("countdown.left", duration(countdown))
    }
}
