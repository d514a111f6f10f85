import Foundation

/// Charts drawn on the server as SVG (#20 point 4): readable without JavaScript, printable,
/// and never by colour alone — each series has its own pattern as well as its colour (both
/// at least 3:1 against white, WCAG 1.4.11), values are written beside the bars, and the
/// chart names itself (`role="img"`, a title and a description). Each chart is shown beside
/// a table of its data. Every text is escaped: labels may hold what people typed.
enum SVGChart {
    /// A series: its name in the legend, its colour and its pattern.
    struct Series: Sendable {
        let label: String
        let colour: String
        let pattern: Pattern
    }

    enum Pattern: String, Sendable, CaseIterable {
        case solid, stripes, dots, cross, grid
    }

    /// The colours of the series in order: dark enough on white, told apart by pattern too.
    static let palette = ["#1f5f99", "#a35200", "#8b1a1a", "#4d5b66", "#2e6b30"]

    static func series(_ labels: [String]) -> [Series] {
        labels.enumerated().map { index, label in
            Series(
                label: label, colour: palette[index % palette.count],
                pattern: Pattern.allCases[index % Pattern.allCases.count])
        }
    }

    /// Columns of stacked segments, one column per label; `values[column][series]`.
    static func stackedColumns(
        id: String, title: String, description: String, labels: [String], series: [Series], values: [[Int]]
    ) -> String {
        let (width, height, left, bottom, top) = (720.0, 300.0, 40.0, 40.0, 20.0)
        let plotHeight = height - bottom - top
        let largest = max(1, values.map { $0.reduce(0, +) }.max() ?? 1)
        let slot = (width - left - 10) / Double(max(1, labels.count))
        let barWidth = max(4, slot * 0.6)
        var svg = head(id: id, title: title, description: description, width: width, height: height + 30, series)
        svg += axis(left: left, top: top, bottom: height - bottom, right: width - 10, largest: largest)
        for (column, label) in labels.enumerated() {
            let x = left + slot * Double(column) + (slot - barWidth) / 2
            var y = height - bottom
            for (index, value) in (column < values.count ? values[column] : []).enumerated() where value > 0 {
                let h = plotHeight * Double(value) / Double(largest)
                y -= h
                svg += rect(x: x, y: y, width: barWidth, height: h, fill: index, id: id)
            }
            let total = column < values.count ? values[column].reduce(0, +) : 0
            if total > 0 {
                svg += text(x: x + barWidth / 2, y: y - 4, String(total), anchor: "middle", size: 11)
            }
            svg += text(x: x + barWidth / 2, y: height - bottom + 16, label, anchor: "middle", size: 10)
        }
        svg += legend(series, y: height + 10, id: id)
        return svg + "</svg>"
    }

    /// Horizontal bars, one per row, of values from 0 to `maximum`, each with its text.
    static func bars(
        id: String, title: String, description: String, rows: [(label: String, value: Double?, text: String)],
        maximum: Double, series: Series
    ) -> String {
        let (left, width, rowHeight) = (200.0, 720.0, 28.0)
        let height = rowHeight * Double(rows.count) + 20
        var svg = head(id: id, title: title, description: description, width: width, height: height, [series])
        let plot = width - left - 90
        for (index, row) in rows.enumerated() {
            let y = 10 + rowHeight * Double(index)
            svg += text(x: left - 8, y: y + 17, row.label, anchor: "end", size: 12)
            svg +=
                "<rect x=\"\(fmt(left))\" y=\"\(fmt(y + 4))\" width=\"\(fmt(plot))\" height=\"18\" fill=\"none\" stroke=\"#6b7280\"/>"
            if let value = row.value, maximum > 0 {
                let w = plot * min(1, max(0, value / maximum))
                svg += rect(x: left, y: y + 4, width: w, height: 18, fill: 0, id: id)
            }
            svg += text(x: left + plot + 8, y: y + 17, row.text, anchor: "start", size: 12)
        }
        return svg + "</svg>"
    }

    // MARK: Pieces

    private static func head(
        id: String, title: String, description: String, width: Double, height: Double, _ series: [Series]
    ) -> String {
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" preserveAspectRatio=\"xMinYMin meet\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc><defs>"
        for (index, item) in series.enumerated() {
            svg += pattern(item, id: "\(id)-p\(index)")
        }
        return svg + "</defs>"
    }

    /// A fill that is the series' colour with its pattern drawn in white over it.
    private static func pattern(_ series: Series, id: String) -> String {
        let open =
            "<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
            + "<rect width=\"8\" height=\"8\" fill=\"\(series.colour)\"/>"
        let mark: String
        switch series.pattern {
        case .solid: mark = ""
        case .stripes: mark = "<path d=\"M0,8 L8,0\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
        case .dots: mark = "<circle cx=\"4\" cy=\"4\" r=\"1.5\" fill=\"#fff\"/>"
        case .cross: mark = "<path d=\"M0,0 L8,8 M8,0 L0,8\" stroke=\"#fff\" stroke-width=\"1\"/>"
        case .grid: mark = "<path d=\"M4,0 L4,8 M0,4 L8,4\" stroke=\"#fff\" stroke-width=\"1\"/>"
        }
        return open + mark + "</pattern>"
    }

    /// A bar filled with the pattern of the chart's series `fill`.
    private static func rect(
        x: Double, y: Double, width: Double, height: Double, fill index: Int, id: String
    )
        -> String
    {
        "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
            + "fill=\"url(#\(id)-p\(index))\" stroke=\"#111\" stroke-width=\"0.5\"/>"
    }

    private static func axis(left: Double, top: Double, bottom: Double, right: Double, largest: Int) -> String {
        "<line x1=\"\(fmt(left))\" y1=\"\(fmt(bottom))\" x2=\"\(fmt(right))\" y2=\"\(fmt(bottom))\" stroke=\"#374151\"/>"
            + "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top))\" x2=\"\(fmt(left))\" y2=\"\(fmt(bottom))\" stroke=\"#374151\"/>"
            + text(x: left - 6, y: top + 4, String(largest), anchor: "end", size: 11)
            + text(x: left - 6, y: bottom, "0", anchor: "end", size: 11)
    }

    private static func legend(_ series: [Series], y: Double, id: String) -> String {
        var svg = ""
        var x = 40.0
        for (index, item) in series.enumerated() {
            svg +=
                "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"14\" height=\"14\" fill=\"url(#\(id)-p\(index))\" stroke=\"#111\"/>"
            svg += text(x: x + 20, y: y + 12, item.label, anchor: "start", size: 12)
            x += 30 + Double(item.label.count) * 7
        }
        return svg
    }

    private static func text(x: Double, y: Double, _ value: String, anchor: String, size: Int) -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"#111\">"
            + escape(value) + "</text>"
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Text as XML reads it back as text: no markup can come through.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
