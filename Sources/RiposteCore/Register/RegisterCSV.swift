/// The register as a spreadsheet opens it in France, Belgium and the Netherlands (#16 point 7):
/// UTF-8 with a byte order mark (or Excel reads it as Windows-1252), `;` between cells (their
/// lists use the comma for decimals), CRLF between lines, and quoted cells where needed.
public enum RegisterCSV {
    /// Starts the file: Excel takes the file for UTF-8 only with it.
    public static let byteOrderMark = "\u{FEFF}"

    /// One line of cells, ended by CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ";") + "\r\n"
    }

    /// A cell as written: a text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a
    /// tab or carriage return before one) is led by an apostrophe, which shows it as typed;
    /// a cell holding `;`, a quote or a line break is quoted, its quotes doubled.
    public static func cell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
