import Foundation
import LeafKit
import RiposteCore

/// The plan document's Markdown as a page shows and prints it (#20 point 3): headings, lists,
/// tables, bold and links, never `##`, `**` or pipes. It reads the subset `PlanDocument` and
/// the organisation's own sections write, no more: every character is escaped first, so that
/// nothing typed in a name, a title, a contact or a section becomes markup (raw HTML is shown
/// as text); a link `[words](address)` is one only to a web page or an e-mail address
/// (`SafeLink`), any other stays text. The API and the published versions keep the Markdown
/// itself.
enum PlanMarkdown {
    /// `topLevel` is the level `#` becomes: 1 on a page of its own, deeper inside a section.
    /// `links`: whether `[words](address)` makes a link; only where the organisation wrote the
    /// text (the plan), never in a draft made of what reporters typed.
    static func html(_ markdown: String, topLevel: Int = 1, links: Bool = false) -> String {
        var output: [String] = []
        var paragraph: [String] = []
        var list: (tag: String, items: [String])?
        var table: [[String]] = []

        func closeBlocks() {
            if !paragraph.isEmpty { output.append("<p>\(paragraph.joined(separator: " "))</p>") }
            paragraph = []
            if let open = list {
                output.append("<\(open.tag)>" + open.items.map { "<li>\($0)</li>" }.joined() + "</\(open.tag)>")
            }
            list = nil
            if let header = table.first {
                var html = "<table class=\"register\"><thead><tr>"
                html += header.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
                html += table.dropFirst().map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined()
                output.append(html + "</tbody></table>")
            }
            table = []
        }

        func item(_ tag: String, _ text: String) {
            if list?.tag != tag { closeBlocks() }
            if list == nil { list = (tag, []) }
            list?.items.append(inline(text, links: links))
        }

        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                closeBlocks()
            } else if let (level, text) = heading(line) {
                closeBlocks()
                let tag = "h\(min(6, level + topLevel - 1))"
                output.append("<\(tag)>\(inline(text, links: links))</\(tag)>")
            } else if line.hasPrefix("- ") {
                item("ul", String(line.dropFirst(2)))
            } else if let text = numbered(line) {
                item("ol", text)
            } else if line.hasPrefix("|") && line.hasSuffix("|") && line.count > 1 {
                if list != nil || !paragraph.isEmpty { closeBlocks() }
                let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                // The line under the header says where columns are aligned: nothing to show.
                if cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }) { continue }
                table.append(cells.map { inline($0, links: links) })
            } else {
                if list != nil || !table.isEmpty { closeBlocks() }
                paragraph.append(inline(line, links: links))
            }
        }
        closeBlocks()
        return output.joined(separator: "\n")
    }

    /// `### Title`: its level and text.
    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes, String(line.dropFirst(hashes + 1)))
    }

    /// `3. Step`: its text; the list numbers it again, in order.
    private static func numbered(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return String(line.dropFirst(digits.count + 2))
    }

    /// Escaped, then `**bold**` made strong and safe links made links: at worst a name holding
    /// two pairs of asterisks comes out bold, never as markup.
    static func inline(_ text: String, links allowLinks: Bool = false) -> String {
        let escaped = text.htmlEscaped()
        var result = ""
        var rest = Substring(escaped)
        while let open = rest.range(of: "**"), let close = rest[open.upperBound...].range(of: "**") {
            result += rest[..<open.lowerBound] + "<strong>" + rest[open.upperBound..<close.lowerBound] + "</strong>"
            rest = rest[close.upperBound...]
        }
        return allowLinks ? links(result + rest) : result + rest
    }

    /// `[words](address)` in escaped text: a link when the address is a web page or an e-mail
    /// address. Escaping changed neither the scheme nor any space, and left no quote that could
    /// end the attribute.
    private static func links(_ escaped: String) -> String {
        var result = ""
        var rest = Substring(escaped)
        while let open = rest.firstIndex(of: "["),
            let middle = rest[open...].range(of: "]("),
            let close = rest[middle.upperBound...].firstIndex(of: ")")
        {
            let words = rest[rest.index(after: open)..<middle.lowerBound]
            let address = String(rest[middle.upperBound..<close])
            result += rest[..<open]
            if !words.isEmpty, !words.contains("["), SafeLink.allows(address) {
                result += "<a href=\"\(address)\" rel=\"noopener noreferrer\">\(words)</a>"
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
