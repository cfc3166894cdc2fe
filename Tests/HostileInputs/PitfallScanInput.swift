/// Front matter text of about `size` bytes in the shapes a quadratic pitfall scan (`YAMLPitfalls.scan`) would trip on:
/// long flow lines full of commas, quotes and brackets, a plain text over many lines, a block scalar, quoted values left
/// open and the pitfalls themselves. The benchmark times the scan at two sizes and fails when the time grows faster
/// than the text.
public enum PitfallScanInput {
    public static func text(_ size: Int) -> String {
        let flow = "a: {x: 1, y: \"2\", z: [3, '4', {w: 5}], " + String(repeating: "k: 'v', ", count: size / 10) + "e: 6}\n"
        let nested = "b: " + String(repeating: "[", count: size / 2) + String(repeating: "'", count: size / 2) + "\n"
        let plain = "c: texte\n" + String(repeating: "  suite du texte: \"x\" 'y' amount:1\n", count: size / 40)
        let block = "d: |\n" + String(repeating: "  \t• “x” 'L'a'\n", count: size / 20)
        let open = String(repeating: "e: \"x\n", count: size / 10)
        let pitfalls = String(repeating: "f: 'L'a'\n\t• “x”\ng:1\n", count: size / 1000)
        return flow + nested + plain + block + open + pitfalls
    }
}
