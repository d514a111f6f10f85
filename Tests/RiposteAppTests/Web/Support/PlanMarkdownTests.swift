import Foundation
import RiposteCore
import Testing

@testable import RiposteApp

@Suite("The plan as a formatted document (#20 point 3)")
struct PlanMarkdownTests {
    @Test("headings, lists, a table and bold, never the Markdown's own signs")
    func formatted() {
        let html = PlanMarkdown.html(
            """
            # Plan — ACME

            Version 2 — 2026-12-04

            ## 1. Rôles

            - **Gestionnaire des incidents**: Hugo, Inès
            - **Cellule de crise**: personne

            ### Mineur

            1. Enregistrer l'incident
            2. Le qualifier

            ## 4. Délais

            | Gravité | Qualifier en | Résoudre en |
            |---|---|---|
            | Mineur | 4 heures | 2 jours |
            | Crise | 15 minutes | — |
            """, topLevel: 3)
        #expect(html.contains("<h3>Plan — ACME</h3>"))
        #expect(html.contains("<p>Version 2 — 2026-12-04</p>"))
        #expect(html.contains("<h4>1. Rôles</h4>"))
        #expect(html.contains("<ul><li><strong>Gestionnaire des incidents</strong>: Hugo, Inès</li><li>"))
        #expect(html.contains("<h5>Mineur</h5>"))
        #expect(html.contains("<ol><li>Enregistrer l&#39;incident</li><li>Le qualifier</li></ol>"), "\(html)")
        #expect(html.contains(#"<thead><tr><th scope="col">Gravité</th>"#))
        #expect(html.contains("<tr><td>Mineur</td><td>4 heures</td><td>2 jours</td></tr>"))
        #expect(!html.contains("---") && !html.contains("| ") && !html.contains("**") && !html.contains("## "))
    }

    @Test("what people typed is escaped: no tag, no attribute, no link comes through")
    func escaped() {
        let html = PlanMarkdown.html(
            """
            - <script>alert(1)</script> — **<img src=x onerror=alert(1)>**
            | <b>x</b> | [a](javascript:alert(1)) |
            |---|---|
            # <h1>
            """)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"))
        #expect(html.contains("<h1>&lt;h1&gt;</h1>"), "a heading's text is text")
        #expect(html.contains("&lt;script&gt;") && html.contains("<strong>&lt;img"))
        #expect(!html.contains("href"))
    }

    @Test("links to web pages and e-mail addresses are links; any other address stays text")
    func links() {
        let html = PlanMarkdown.inline(
            "Voir [le portail](https://intranet.acme.test/incidents?a=1&b=2), écrire à [la sécurité](mailto:secu@acme.test), "
                + "pas [ceci](javascript:alert(1)) ni [cela](data:text/html,x) ni [là](https://x.test\" onclick=\"x)",
            links: true)
        #expect(
            html.contains(
                #"<a href="https://intranet.acme.test/incidents?a=1&amp;b=2" rel="noopener noreferrer">le portail</a>"#)
        )
        #expect(html.contains(#"<a href="mailto:secu@acme.test" rel="noopener noreferrer">la sécurité</a>"#))
        #expect(html.contains("[ceci](javascript:alert(1))") && html.contains("[cela](data:text/html,x)"))
        #expect(!html.contains("onclick=\"") && html.components(separatedBy: "<a ").count == 3)
        // Where reporters' words are shown (a draft for an authority), no link is ever made.
        #expect(!PlanMarkdown.inline("[vérifiez ici](https://phishing.test)").contains("<a "))
    }

    @Test("the plan Riposte writes comes out whole: seven sections, the SLA table, durations in words")
    func wholePlan() throws {
        let wording = try Catalogue.load()
        let facts = PlanDocument.Facts(
            organisation: "ACME", holders: [.crisisManager: ["Claire"]], contacts: [], sla: .defaults,
            activities: [(name: "Facturation", rto: ISODuration(seconds: 14_400))], documents: [])
        let html = PlanMarkdown.html(PlanDocument.markdown(facts, in: .fr, wording: wording))
        #expect(html.components(separatedBy: "<h2>").count == 12)
        #expect(html.contains("<li>Facturation: RTO 4 heures</li>"), "\(html)")
        #expect(html.contains("<table class=\"register\">"))
        #expect(!html.contains("PT4H") && !html.contains("**") && !html.contains("|---"))
    }
}
