import Foundation

/// A length of time as an office manager types it (#19 point 3): "4 heures", "30 min",
/// "2 jours", "1 dag 4 uur", "3 hours", in French, Dutch or English, or ISO 8601 (`PT4H`) as the
/// API writes it; and the one number and unit it is shown as. The API keeps ISO 8601.
public enum DurationText {
    public enum Unit: String, CaseIterable, Sendable {
        case minutes, hours, days

        public var seconds: Int {
            switch self {
            case .minutes: 60
            case .hours: 3_600
            case .days: 86_400
            }
        }
    }

    /// Words (lower case, without accents) and the seconds each counts. Only the ones people
    /// write: the catalogues' own words ("heure", "uur", "dagen"…) and their abbreviations.
    static let words: [String: Int] = {
        var table: [String: Int] = [:]
        for word in ["m", "min", "mins", "mn", "minute", "minutes", "minuut", "minuten"] { table[word] = 60 }
        for word in ["h", "hr", "hrs", "hour", "hours", "heure", "heures", "u", "uur", "uren"] { table[word] = 3_600 }
        for word in ["d", "j", "day", "days", "jour", "jours", "dag", "dagen"] { table[word] = 86_400 }
        for word in ["w", "sem", "week", "weeks", "weken", "semaine", "semaines"] { table[word] = 604_800 }
        return table
    }()

    /// Words that join two parts: "1 jour et 4 heures", "1 day and 4 hours", "1 dag en 4 uur".
    static let joiners: Set<String> = ["et", "and", "en", ","]

    /// The seconds `text` says, or nil when it is not a duration. A sign is kept ("-4 h" is
    /// -14400) so that a negative length is told as out of range, not as unreadable.
    public static func seconds(in text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // ISO 8601 as the API writes it, in whole minutes as every duration on the pages.
        if trimmed.uppercased().hasPrefix("P"), let iso = ISODuration(trimmed.uppercased()) {
            return iso.seconds % 60 == 0 ? iso.seconds : nil
        }
        var tokens = tokenize(trimmed.lowercased())
        var sign = 1
        if tokens.first == "-" {
            sign = -1
            tokens.removeFirst()
        }
        var total = 0
        var sawPart = false
        var index = 0
        while index < tokens.count {
            if joiners.contains(tokens[index]), sawPart {
                index += 1
                continue
            }
            // A number, then its unit.
            guard let amount = number(tokens[index]), index + 1 < tokens.count,
                let unit = words[folded(tokens[index + 1])]
            else { return nil }
            // Whole minutes at most: "1,5 heure" is 90 minutes, "0,3 minute" says nothing. A
            // decimal is rarely exact in binary ("1,1 heure" is 3960.000…5 s): a millisecond's
            // error is no error.
            let part = (amount * Double(unit) * 1000).rounded() / 1000
            guard part < 1e12, part.rounded() == part, Int(part) % 60 == 0 else { return nil }
            // Far beyond any rule's limit already: no sum of parts can overflow.
            total = min(total + Int(part), 1 << 52)
            sawPart = true
            index += 2
        }
        return sawPart ? sign * total : nil
    }

    /// The largest unit that counts it whole: PT4H is 4 hours, PT1H30M 90 minutes, P2D 2 days.
    /// A length that is not whole minutes has no such unit.
    public static func amount(of seconds: Int) -> (count: Int, unit: Unit)? {
        guard seconds > 0, seconds % 60 == 0 else { return nil }
        for unit in Unit.allCases.reversed() where seconds % unit.seconds == 0 {
            return (seconds / unit.seconds, unit)
        }
        return nil
    }

    /// "4 heures", "90 minutes", "2 dagen": the number and its unit in `language`, by the
    /// catalogues' `duration.amount.<unit>.<one|other>`, which `seconds(in:)` reads back; ISO 8601
    /// for what is not whole minutes.
    public static func words(_ seconds: Int, in language: Language, wording: some Wording) -> String {
        guard let (count, unit) = amount(of: seconds) else { return ISODuration(seconds: seconds).description }
        return wording.text(
            "duration.amount.\(unit.rawValue).\(count == 1 ? "one" : "other")", language, [String(count)])
    }

    /// Numbers and words apart: "4h30" is "4", "h", "30"; "1,5 heure" keeps "1,5" whole.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsNumber = false
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for character in text {
            if character == " " || character == "\u{00A0}" {
                flush()
            } else if character == "-" && tokens.isEmpty && current.isEmpty {
                tokens.append("-")
            } else if character.isNumber || ((character == "," || character == ".") && currentIsNumber) {
                if !currentIsNumber { flush() }
                current.append(character)
                currentIsNumber = true
            } else if character == "," {
                flush()
                tokens.append(",")
            } else {
                if currentIsNumber { flush() }
                current.append(character)
                currentIsNumber = false
            }
        }
        flush()
        // "4h30": minutes written after hours without their unit.
        if tokens.count == 3, words[folded(tokens[1])] == 3_600, number(tokens[2]) != nil {
            tokens.append("min")
        }
        return tokens
    }

    static func number(_ token: String) -> Double? {
        guard token.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }),
            token.first?.isNumber == true, token.count <= 12
        else { return nil }
        return Double(token.replacingOccurrences(of: ",", with: "."))
    }

    /// "Heures" and "heures", "minutes." and "minutes": the unit words compared as written plain.
    static func folded(_ word: String) -> String {
        String(word.lowercased().filter { $0.isLetter })
    }
}
