// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Passerelle",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "passerelle", targets: ["passerelle"]),
        // The stages as libraries, for the fuzz targets of Fuzz/ and for tools built on Passerelle.
        .library(name: "PasserelleContent", targets: ["PasserelleContent"]),
        .library(name: "PasserelleIndicators", targets: ["PasserelleIndicators"]),
        .library(name: "PasserelleMarkdown", targets: ["PasserelleMarkdown"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .target(name: "CSystem"),
        .target(name: "PasserelleModel"),
        .target(
            name: "PasserelleContent",
            dependencies: ["PasserelleModel", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "PasserelleIndicators", dependencies: ["PasserelleModel"]),
        .target(name: "PasserelleMarkdown", dependencies: ["CCmark", "PasserelleModel"]),
        .target(
            name: "PasserelleRender",
            dependencies: [
                "PasserelleModel", "PasserelleIndicators", "PasserelleMarkdown",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Open data: reads the measured figures only, never the render stage.
        .target(name: "PasserelleExports", dependencies: ["PasserelleModel", "PasserelleIndicators"]),
        .target(
            name: "PasserelleBuild",
            dependencies: ["CSystem", "PasserelleModel", "PasserelleContent", "PasserelleIndicators", "PasserelleMarkdown",
                           "PasserelleRender", "PasserelleExports"]
        ),
        // The preview server of `passerelle serve`: HTTP/1.1 over POSIX sockets; the model only, for its escaping rules.
        .target(name: "PasserelleServe", dependencies: ["PasserelleModel"]),
        // The form editor of `passerelle serve` (/_passerelle/editeur/): forms to create and edit records.
        .target(name: "PasserelleEditor", dependencies: ["PasserelleModel", "PasserelleContent", "PasserelleBuild"]),
        .executableTarget(
            name: "passerelle",
            dependencies: [
                "PasserelleBuild", "PasserelleIndicators", "PasserelleExports", "PasserelleRender", "PasserelleModel",
                "PasserelleServe", "PasserelleContent", "PasserelleEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The hostile inputs shared by the tests and the benchmark: the bad-input corpus of Tests/Fixtures/bad/ laid out
        // ready to build, the hostile Markdown shapes and the pitfall-scan text.
        .target(name: "HostileInputs", dependencies: ["PasserelleModel"], path: "Tests/HostileInputs"),
        // The speed checks, as figures: `.build/debug/passerelle-bench` (run by scripts/test after the unit tests).
        .executableTarget(
            name: "passerelle-bench",
            dependencies: ["HostileInputs", "PasserelleBuild", "PasserelleContent", "PasserelleMarkdown"],
            path: "Benchmarks/Scaling"
        ),
        .testTarget(
            name: "PasserelleTests",
            dependencies: ["HostileInputs", "PasserelleModel", "PasserelleContent", "PasserelleIndicators", "PasserelleMarkdown", "PasserelleRender",
                           "PasserelleExports", "PasserelleBuild", "PasserelleServe", "PasserelleEditor"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
