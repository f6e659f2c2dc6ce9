// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "aigate",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "aigate", targets: ["aigate"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // The C library, seen only by GitKit.
    .systemLibrary(
      name: "CLibGit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]
    ),
    // The git layer: the only importer of CLibGit2; hands out plain values.
    .target(name: "GitKit", dependencies: ["CLibGit2"]),
    // Who wrote each added line: signals, the agent table, blame within the range.
    .target(name: "Attribution", dependencies: ["GitKit", "Rules"]),
    // The rule schema and loader: the only importer of Yams.
    .target(name: "Rules", dependencies: [.product(name: "Yams", package: "Yams")]),
    // Parsers, pattern compiler and matcher.
    .target(name: "Matching", dependencies: ["Rules"]),
    // Git hooks: finds the hooks folder, installs, chains and removes aigate's hooks.
    .target(name: "Hooks", dependencies: ["GitKit"]),
    // The command line: the only importer of ArgumentParser.
    .executableTarget(
      name: "aigate",
      dependencies: [
        "GitKit", "Attribution", "Rules", "Matching", "Hooks",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Scratch git repositories and process helpers, for tests only.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
    .testTarget(name: "AttributionTests", dependencies: ["Attribution", "GitKit", "TestSupport"]),
    .testTarget(name: "RulesTests", dependencies: ["Rules", "TestSupport"]),
    .testTarget(name: "MatchingTests", dependencies: ["Matching", "Rules", "TestSupport"]),
    .testTarget(name: "HooksTests", dependencies: ["Hooks", "GitKit", "TestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["aigate", "GitKit", "TestSupport"]),
  ]
)
