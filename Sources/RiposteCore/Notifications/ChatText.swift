/// Text for chat channels, where people's words (an incident's title, a reason) must stay
/// words: no channel-wide pings, no disguised links, no markup. Our own sentences carry no
/// markup either, so a whole message is escaped; the bold of its subject is added after.
public enum ChatText {
    /// Slack's `mrkdwn`: `&`, `<` and `>` are its control characters (`<!channel>`,
    /// `<https://…|label>`); escaped, they are shown as typed.
    public static func slack(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Mattermost's Markdown: every character Markdown gives a meaning is backslash-escaped,
    /// and a word joiner after `@` keeps `@all`, `@channel`, `@here` and `@someone` from
    /// notifying anyone.
    public static func mattermost(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "@" {
                out += "@\u{2060}"
            } else if markdownSpecial.contains(character) {
                out.append("\\")
                out.append(character)
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Teams' message cards read HTML and some Markdown: HTML's characters and Markdown's are
    /// written as numeric character references, shown as typed; line breaks become `<br>`.
    public static func teams(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\n" {
                out += "<br>"
            } else if character == "&" || character == "<" || character == ">" || character == "\""
                || character == "'" || markdownSpecial.contains(character),
                let scalar = character.unicodeScalars.first
            {
                out += "&#\(scalar.value);"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Emphasis, code, links and images, headings, tables, strike-through, HTML. List markers
    /// and full stops are left alone: harmless, and escaping them would clutter numbers.
    private static let markdownSpecial: Set<Character> = [
        "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "<", ">", "~",
    ]
}
