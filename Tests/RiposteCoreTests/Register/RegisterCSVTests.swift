import Testing

@testable import RiposteCore

@Suite("The register as CSV")
struct RegisterCSVTests {
    @Test("cells are separated by semicolons and lines end with CRLF") func line() {
        #expect(RegisterCSV.line(["INC-2026-0001", "Messagerie", ""]) == "INC-2026-0001;Messagerie;\r\n")
    }

    @Test("a cell with a separator, a quote or a line break is quoted, its quotes doubled") func quoting() {
        #expect(RegisterCSV.cell("a;b") == "\"a;b\"")
        #expect(RegisterCSV.cell("dit \"non\"") == "\"dit \"\"non\"\"\"")
        #expect(RegisterCSV.cell("ligne 1\nligne 2") == "\"ligne 1\nligne 2\"")
        #expect(RegisterCSV.cell("à côté, 1,5 h") == "à côté, 1,5 h")
    }

    @Test("what a spreadsheet would run as a formula is shown as typed", arguments: ["=", "+", "-", "@", "\t", "\r"])
    func formulas(lead: String) {
        let text = lead + "HYPERLINK(\"http://x\")"
        let written = RegisterCSV.cell(text)
        #expect(written.hasPrefix("\"'") || written.hasPrefix("'"))
        #expect(!written.hasPrefix(lead))
    }

    @Test("ordinary text is left alone") func plain() {
        #expect(RegisterCSV.cell("Serveur en panne") == "Serveur en panne")
        #expect(RegisterCSV.cell("") == "")
    }
}
