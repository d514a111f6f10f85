import Foundation
import LeafKit
import RiposteCore
import RiposteStorage

/// The register on paper (#16 point 2): the template's table of §4.2, "Date, Type d'incident,
/// Brève description, Équipe en charge, Description détaillée (impact, durée, activités
/// impactées, ressources allouées), Description des actions prises", one row per incident,
/// streamed like the other exports. Every text comes from the catalogues, every value is
/// escaped.
extension RegisterExport {
    /// What the paper shows around the table, and how it writes times, in the reader's ways.
    struct Paper: Sendable {
        let organisation: String
        let generatedAt: String
        let registerLink: String
        let date: @Sendable (Date) -> String
        let duration: @Sendable (Int) -> String
    }

    static let paperColumns = ["number", "date", "type", "title", "team", "details", "actions"]

    func paperHead(_ paper: Paper) -> String {
        let title = escaped(text("register.paper.title", paper.organisation))
        let headers = Self.paperColumns.map { "<th scope=\"col\">\(escaped(text("register.paper.column.\($0)")))</th>" }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <link rel="stylesheet" href="/css/app.css">
            <link rel="stylesheet" href="/css/print.css">
            </head>
            <body class="print paper">
            <main>
            <p class="no-print"><a href="\(escaped(paper.registerLink))">\(escaped(text("register.paper.back")))</a></p>
            <h1>\(title)</h1>
            <p class="muted">\(escaped(text("print.generated", paper.generatedAt)))</p>
            <table class="register paper-register">
            <caption>\(escaped(text("register.caption")))</caption>
            <thead><tr>\(headers.joined())</tr></thead>
            <tbody>

            """
    }

    func paperFoot() -> String { "</tbody>\n</table>\n</main>\n</body>\n</html>\n" }

    func paperRow(_ line: Line, _ paper: Paper) -> String {
        let row = line.row
        var details = [paragraph(row.description)]
        let end = row.resolvedAt ?? row.closedAt
        let lasted =
            end.map { paper.duration(max(0, Int($0.timeIntervalSince(row.detectedAt ?? row.reportedAt)))) }
            ?? text("register.paper.ongoing")
        for (label, value) in [
            ("register.paper.impact", row.impact ?? ""), ("register.paper.duration", lasted),
            ("register.paper.activities", line.activities.joined(separator: ", ")),
            ("register.paper.resources", row.resourcesAllocated ?? ""),
        ] where !value.isEmpty {
            details.append("<p><strong>\(escaped(text(label)))</strong> \(escaped(value))</p>")
        }
        let actions =
            line.actions.isEmpty ? "" : "<ol>" + line.actions.map { "<li>\(escaped($0))</li>" }.joined() + "</ol>"
        let cells = [
            escaped(row.number), escaped(paper.date(row.reportedAt)), escaped(row.type ?? ""), escaped(row.title),
            escaped(row.team ?? ""), details.joined(), actions,
        ]
        return "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
    }

    private func text(_ key: String, _ arguments: String...) -> String { wording.text(key, language, arguments) }

    private func paragraph(_ text: String) -> String { "<p class=\"prose\">\(escaped(text))</p>" }

    /// Text as HTML shows it and never runs it (Leaf's own escaping, as the pages have it).
    func escaped(_ text: String) -> String { text.htmlEscaped() }
}
