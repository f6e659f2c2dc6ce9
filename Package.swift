// swift-tools-version:6.0
import PackageDescription

/// libgit2, PCRE2 and what libgit2 pulls in, linked from Debian's static archives.
///
/// `libgit2-dev` depends on every one of them. No shared library to find at run time but
/// glibc's, and none of the dynamic loader's symbol binding at every start (about 7 ms of a hook
/// run's 50 ms budget). Order matters: each archive comes before the ones it calls into. Kerberos (HTTP Negotiate
/// authentication, which an offline tool never performs) has no static archive in Debian; its
/// calls resolve to `CGitOffline`'s refusing stand-ins. libgit2's two CA-bundle loaders are
/// wrapped (`--wrap`) by `CGitOffline`'s no-op loaders.
let staticCLibraries: [String] =
  ["--wrap=mbedtls_x509_crt_parse_file", "--wrap=mbedtls_x509_crt_parse_path"].flatMap {
    ["-Xlinker", $0]
  }
  + [
    "git2", "mbedtls", "mbedx509", "mbedcrypto", "http_parser", "ssh2", "crypto", "pcre2-8", "z",
  ].flatMap { ["-Xlinker", "-l:lib\($0).a"] }

let package = Package(
  name: "aigate",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "aigate", targets: ["aigate"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    // The C library, seen only by GitKit. Linked statically (see `staticCLibraries`).
    .systemLibrary(name: "CLibGit2", providers: [.apt(["libgit2-dev"])]),
    // semgrep's regex library, seen only by Rules (its PCRE wrapper). Linked statically.
    .systemLibrary(name: "CPCRE2", providers: [.apt(["libpcre2-dev"])]),
    // Keeps libgit2 from loading the system's CA bundle at start (aigate opens no connection),
    // stands in for the Kerberos calls aigate never makes, and links the C libraries.
    .target(name: "CGitOffline", linkerSettings: [.unsafeFlags(staticCLibraries)]),
    // The git layer: the only importer of CLibGit2; hands out plain values.
    .target(name: "GitKit", dependencies: ["CLibGit2", "CGitOffline"]),
    // Who wrote each added line: signals, the agent table, blame within the range.
    .target(name: "Attribution", dependencies: ["GitKit", "Rules"]),
    // The rule schema and loader (and its cache): the only importer of Yams, and of CPCRE2 (regexes are
    // semgrep's PCRE2; everyone else holds `PCRE.Regex` values).
    .target(
      name: "Rules",
      dependencies: [
        "CPCRE2", .product(name: "Yams", package: "Yams"),
        // SHA-256 for the decoded-rule cache's keys (BoringSSL's, with the CPU's SHA
        // instructions: the rule files are hashed on every run).
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // Parsers, pattern compiler and matcher.
    .target(name: "Matching", dependencies: ["Rules"]),
    // Finds and runs semgrep or opengrep, and reads its JSON.
    .target(name: "Semgrep", dependencies: ["Rules"]),
    // ChangeSet + authorship + findings + policy -> verdict.
    .target(name: "Gate", dependencies: ["GitKit", "Attribution", "Rules", "Matching", "Semgrep"]),
    // One reporter per format behind one protocol.
    .target(name: "Reports", dependencies: ["Gate", "Attribution", "Rules"]),
    // Signed, verifiable records of verdicts (in-toto statements in DSSE envelopes, git notes).
    .target(
      name: "Attest",
      dependencies: [
        "GitKit", "Attribution", "Gate", "Rules", .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // Git hooks: finds the hooks folder, installs, chains and removes aigate's hooks.
    .target(name: "Hooks", dependencies: ["GitKit"]),
    // The command line: the only importer of ArgumentParser.
    .executableTarget(
      name: "aigate",
      dependencies: [
        "GitKit", "Attribution", "Rules", "Matching", "Semgrep", "Gate", "Reports", "Attest",
        "Hooks",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Scratch git repositories and process helpers, for tests only.
    .target(name: "TestSupport", dependencies: ["Semgrep"], path: "Tests/TestSupport"),
    .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
    .testTarget(name: "AttributionTests", dependencies: ["Attribution", "GitKit", "TestSupport"]),
    // Fixtures are read in place through #filePath, not bundled.
    .testTarget(
      name: "RulesTests", dependencies: ["Rules", "TestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "MatchingTests", dependencies: ["Matching", "Rules", "TestSupport"],
      exclude: ["Features"]),
    .testTarget(name: "SemgrepTests", dependencies: ["Semgrep", "Rules", "TestSupport"]),
    .testTarget(
      name: "GateTests", dependencies: ["Gate", "Attribution", "GitKit", "Rules", "TestSupport"]),
    .testTarget(
      name: "AttestTests",
      dependencies: ["Attest", "Gate", "GitKit", "Attribution", "TestSupport"]),
    .testTarget(name: "HooksTests", dependencies: ["Hooks", "GitKit", "TestSupport"]),
    // Goldens are read in place through #filePath, not bundled.
    .testTarget(
      name: "ReportsTests",
      dependencies: ["Reports", "Gate", "Attribution", "Rules", "GitKit", "TestSupport"],
      exclude: ["Goldens"]),
    .testTarget(name: "CLITests", dependencies: ["aigate", "GitKit", "TestSupport"]),
    // The shipped rule packs: loading, metadata, test files, semgrep --test, the README table.
    .testTarget(name: "RulePackTests", dependencies: ["Rules", "TestSupport"]),
  ]
)
