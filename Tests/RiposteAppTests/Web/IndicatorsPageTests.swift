import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the indicators, charts beside their data (#20 point 4)")
struct IndicatorsPageTests {
    @Test("figures, tables and charts that name themselves; drills only with the filter")
    func shown() async throws {
        try await withTestApp { t in
            _ = try await MetricsAPITests.fill(t)
            let manager = try await t.user([.incidentManager])
            _ = try await ExerciseAPITests.exercise(t, as: manager)
            // Signed in once the clock has moved on: a session left idle for hours ends.
            try await t.person([.incidentManager], email: "im@example.test")
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            let page = try await browser.get("/indicators")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Indicateurs de la gestion des incidents"))
            #expect(html.contains("<dt>Signalements</dt><dd>2</dd>"))
            #expect(html.contains(#"role="img" aria-labelledby="chart-counts-title chart-counts-desc""#))
            #expect(html.contains("<title id=\"chart-sla-title\">Respect des délais SLA par gravité</title>"))
            #expect(html.contains("Les données du graphique"))
            #expect(html.contains("50 % (sur 2)") || html.contains("100 % (sur 1)"))
            #expect(!html.contains("EXERCICES — ces chiffres"))
            let drills = try await browser.get("/indicators?exercises=1").body.string
            #expect(drills.contains("<dt>Signalements</dt><dd>1</dd>"))
            #expect(drills.contains("EXERCICES — ces chiffres ne comptent que les exercices"))
            // A period long ago.
            let english = try await browser.get("/indicators?from=2000-01-01&to=2009-12-31")
            #expect(english.status == .ok)
            #expect(english.body.string.contains("<dt>Signalements</dt><dd>0</dd>"))
        }
    }

    @Test("a period reversed, too long or unreadable is shown back with the message beside its field")
    func refused() async throws {
        try await withTestApp { t in
            try await t.person([.incidentManager], email: "im@example.test")
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            for (query, field) in [
                ("from=2026-06-01&to=2026-01-01", "to"), ("from=2000-01-01&to=2026-01-01", "from"),
                ("from=demain", "from"),
            ] {
                let page = try await browser.get("/indicators?\(query)")
                #expect(page.status == .unprocessableEntity, "\(query)")
                #expect(page.body.string.contains(#"id="\#(field)-error""#), "\(query)")
                #expect(!page.body.string.contains("<svg"), "\(query)")
            }
            try await t.person([.reporter], email: "ann@example.test")
            let reporter = try await Browser.signIn(t, email: "ann@example.test", password: HandlingPagesTests.password)
            #expect(try await reporter.get("/indicators").status == .forbidden)
        }
    }

    @Test("a chart's words are escaped: nothing typed becomes markup")
    func escaped() {
        let svg = SVGChart.stackedColumns(
            id: "c", title: "<script>x</script>", description: "a & b", labels: ["\"><img>"],
            series: SVGChart.series(["s"]), values: [[3]])
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;") && svg.contains("a &amp; b"))
        #expect(!svg.contains("<img>") && svg.contains("&quot;&gt;&lt;img&gt;"))
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
    }
}
