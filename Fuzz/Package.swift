// swift-tools-version: 6.0
// Fuzz targets for Passerelle's parsers (libFuzzer). Kept apart from the main package because they
// link only when built with -sanitize=fuzzer. Run them with scripts/fuzz (see the README).
import PackageDescription

let package = Package(
    name: "PasserelleFuzz",
    dependencies: [.package(name: "Passerelle", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["FuzzSupport", .product(name: "PasserelleContent", package: "Passerelle")]),
        .executableTarget(name: "FuzzNumbers", dependencies: ["FuzzSupport", .product(name: "PasserelleContent", package: "Passerelle")]),
        .executableTarget(name: "FuzzFormula", dependencies: ["FuzzSupport", .product(name: "PasserelleIndicators", package: "Passerelle")]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FuzzSupport", .product(name: "PasserelleMarkdown", package: "Passerelle"),
                                                          .product(name: "PasserelleContent", package: "Passerelle")]),
    ],
    swiftLanguageModes: [.v6]
)
