/// The Markdown shapes measured super-linear in cmark-gfm 0.29.0.gfm.6, in their worst form the limits of `BodyLimits`
/// let through: the tests check that the limits let them through, the benchmark that their render time grows linearly.
public enum HostileBodies {
    /// The sizes, in bytes, each shape is made at.
    public static let sizes = [10_000, 20_000, 40_000, 80_000]

    public static let all: [(name: String, make: @Sendable (Int) -> String)] = [
        ("tables of 64 columns", { n in String(repeating: String(repeating: "|a", count: 64) + "\n" + String(repeating: "|-", count: 64) + "\n|x\n\n", count: n / 260) }),
        ("rows of 64 cells", { n in "|a|b|\n|-|-|\n" + String(repeating: String(repeating: "|x", count: 64) + "\n", count: n / 129) }),
        ("delimiter rows under paragraphs", { n in String(repeating: String(repeating: "aaaaaaa\n", count: 10) + "|-|-|\n\n", count: n / 87) }),
        ("alternating delimiter rows", { n in String(repeating: "|-|\n|-|-|\n\n", count: n / 11) }),
        ("addresses ending in 64 ')'", { n in String(repeating: "www.a" + String(repeating: ")", count: 64) + " ", count: n / 70) }),
        ("a long address ending in 64 ')'", { n in "www.a" + String(repeating: "b", count: n - 69) + String(repeating: ")", count: 64) }),
        ("lines of 32 '@'", { n in String(repeating: String(repeating: "a@", count: 32) + String(repeating: "a", count: 200) + "\n", count: n / 265) }),
        ("a long line of 32 '@'", { n in String(repeating: "a@", count: 32) + String(repeating: "a", count: n - 64) }),
        ("paragraphs of 2 000 '[' (images)", { n in String(repeating: String(repeating: "![[]()", count: 1_000) + "\n\n", count: max(1, n / 6_002)) }),
        ("strikethrough", { n in String(repeating: "~~a ", count: n / 4) }),
        ("a stray quote, then paragraphs of 500 apostrophes", { n in
            String(repeating: "\"x\n" + String(repeating: "a'b\n", count: 499) + "\n", count: max(1, n / 2_000)) }),
        ("paragraphs of 500 quotes between punctuation ('&)", { n in
            String(repeating: String(repeating: "'&", count: 500) + "\n\n", count: max(1, n / 1_002)) }),
    ]

}
