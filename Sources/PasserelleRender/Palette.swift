/// Colours for the parts of a chart: each at least 3:1 against white (WCAG 1.4.11), told apart by hue and by
/// the legend's text, never by colour alone.
enum Palette {
    static let colours = ["#00558c", "#b3261e", "#2e7d32", "#6a1b9a", "#8a5a00", "#37474f", "#ad1457", "#00695c"]

    static func colour(_ index: Int) -> String {
        colours[index % colours.count]
    }
}
