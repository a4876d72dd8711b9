// swift-tools-version:6.1
import Foundation
import PackageDescription

// `GUIDELINE_CORE_ONLY=1` leaves out the HTTP server (GuidelineServer, its tests and its packages), so the
// sanitizer builds in .ci/run compile only the core. The core library and the engine never depend on them.
let coreOnly = ProcessInfo.processInfo.environment["GUIDELINE_CORE_ONLY"] == "1"

let package = Package(
    name: "guideline",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Guideline", targets: ["Guideline"]),
        .executable(name: "guideline", targets: ["guideline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // 3.12.3 or 4.x: jwt-kit 5 (the CDS Hooks targets below) needs 4.1 or later; the core builds with either.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // SQLite (the system library: apt `libsqlite3-dev`) for the audit store; not a server package, so it stays in
        // the GUIDELINE_CORE_ONLY=1 builds, which then also run the audit tests under the sanitizers.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The C library libyaml, found through pkg-config. Only GuidelineYAML/LibYAMLParser.swift imports it.
        .systemLibrary(
            name: "CYAML",
            path: "Sources/CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Diagnostics as data, shared by every phase.
        .target(name: "GuidelineDiagnostics"),
        // libyaml events -> node tree with source ranges, limits, strict scalars.
        .target(name: "GuidelineYAML", dependencies: ["CYAML", "GuidelineDiagnostics"]),
        // The expression language: lexer, parser, checker, evaluator. Knows nothing of YAML.
        .target(name: "GuidelineExpression", dependencies: ["GuidelineDiagnostics"]),
        // Rule files -> checked, compiled ruleset.
        .target(
            name: "GuidelineCompiler",
            dependencies: [
                "GuidelineDiagnostics", "GuidelineYAML", "GuidelineExpression",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Cases -> explained results.
        .target(
            name: "GuidelineEngine",
            dependencies: ["GuidelineCompiler", "GuidelineExpression", "GuidelineYAML", "GuidelineDiagnostics"]),
        // The commands (check, evaluate, test) as a library, so tests drive them in-process.
        .target(name: "GuidelineTool", dependencies: ["GuidelineEngine", "GuidelineCompiler", "GuidelineDiagnostics"]),
        // The audit trail (issue 19): decision records, hash chain, keyed identifiers, the SQLite store and its
        // ruleset archive, replay, and the `audit` commands. The core library product and the engine never depend on it.
        .target(
            name: "GuidelineAudit",
            dependencies: [
                "GuidelineTool", "GuidelineEngine", "GuidelineCompiler", "GuidelineDiagnostics", "GuidelineExpression",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Umbrella module for embedders.
        .target(
            name: "Guideline",
            dependencies: [
                "GuidelineDiagnostics", "GuidelineYAML", "GuidelineExpression", "GuidelineCompiler", "GuidelineEngine",
            ]),
        // Thin command-line executable.
        .executableTarget(
            name: "guideline",
            dependencies: [
                "GuidelineTool", "GuidelineEngine", "GuidelineAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks and a seeded case generator (issue: performance); not part of the library.
        .executableTarget(
            name: "guideline-bench",
            dependencies: ["GuidelineEngine", "GuidelineTool", "GuidelineCompiler", "GuidelineAudit"]),
        // Fuzz targets (issue: robustness) as a library the regression tests replay, and the fuzz executable
        // (libFuzzer with -DFUZZING -sanitize=fuzzer,address, see Tests/Fuzz/run.sh; otherwise it replays files).
        .target(
            name: "GuidelineFuzzing",
            dependencies: [
                "GuidelineDiagnostics", "GuidelineYAML", "GuidelineExpression", "GuidelineCompiler", "GuidelineEngine",
                "GuidelineTool",
            ]
        ),
        .executableTarget(name: "guideline-fuzz", dependencies: ["GuidelineFuzzing"]),
        .testTarget(name: "GuidelineYAMLTests", dependencies: ["GuidelineYAML"]),
        .testTarget(name: "GuidelineExpressionTests", dependencies: ["GuidelineExpression"]),
        .testTarget(name: "GuidelineCompilerTests", dependencies: ["GuidelineCompiler"]),
        .testTarget(name: "GuidelineEngineTests", dependencies: ["GuidelineEngine"]),
        // Snapshots are read from the source tree by path (TestSupport.swift), not bundled as resources.
        .testTarget(
            name: "GuidelineToolTests", dependencies: ["GuidelineTool", "GuidelineAudit"], exclude: ["Snapshots"]),
        .testTarget(name: "GuidelineFuzzingTests", dependencies: ["GuidelineFuzzing"]),
        .testTarget(name: "GuidelineAuditTests", dependencies: ["GuidelineAudit", "GuidelineTool"]),
        // The public façade, as an embedder uses it (`import Guideline` only).
        .testTarget(name: "GuidelineTests", dependencies: ["Guideline"]),
    ]
)

// The HTTP service (`guideline serve`, issue 17) and CDS Hooks 2.0 (issue 17): each in its own module, so the core
// library product `Guideline` and the engine modules build without any server package. GUIDELINE_CORE_ONLY=1 leaves
// both out, so that a core build fetches and builds neither Hummingbird nor jwt-kit.
if !coreOnly {
    package.dependencies += [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ]
    package.targets += [
        // The PostgreSQL audit store (issue 19): several server instances appending to one trail. Only the
        // `guideline` executable, the server and the tests depend on it, never GuidelineAudit or the core.
        .target(
            name: "GuidelineAuditPostgres",
            dependencies: [
                "GuidelineAudit", "GuidelineDiagnostics",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // CDS Hooks without HTTP: discovery, prefetch to facts, cards, client JWTs, feedback.
        .target(
            name: "GuidelineCDSHooks",
            dependencies: [
                "GuidelineDiagnostics", "GuidelineYAML", "GuidelineExpression", "GuidelineCompiler", "GuidelineEngine",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Routes, middleware, configuration, API keys, limits and metrics; every call into the engine is in
        // RulesetRegistry.swift, every call into CDS Hooks in CDSHooksRoutes.swift.
        .target(
            name: "GuidelineServer",
            dependencies: [
                "GuidelineTool", "GuidelineEngine", "GuidelineCompiler", "GuidelineDiagnostics", "GuidelineYAML",
                "GuidelineCDSHooks", "GuidelineAudit", "GuidelineAuditPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "GuidelineCDSHooksTests",
            dependencies: [
                "GuidelineCDSHooks", "GuidelineDiagnostics", "GuidelineYAML", "GuidelineCompiler", "GuidelineEngine",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The clinician's page (issue 18): a form generated from the fact declarations, results rendered on the
        // server (swift-mustache templates, CSS and plain JavaScript in Resources/), logins with bcrypt, CSRF, CSP.
        .target(
            name: "GuidelineWeb",
            dependencies: [
                "GuidelineServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "GuidelineServerTests",
            dependencies: [
                "GuidelineServer", "GuidelineWeb", "GuidelineAudit",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        .testTarget(name: "GuidelineWebTests", dependencies: ["GuidelineWeb", "GuidelineServer"]),
    ]
    if let index = package.targets.firstIndex(where: { $0.name == "guideline" }) {
        package.targets[index].dependencies += ["GuidelineServer", "GuidelineWeb", "GuidelineAuditPostgres"]
        package.targets[index].swiftSettings = [.define("GUIDELINE_SERVER")]
    }
    // The store tests run against SQLite and, here only, PostgreSQL (GUIDELINE_TEST_POSTGRES_URL).
    if let index = package.targets.firstIndex(where: { $0.name == "GuidelineAuditTests" }) {
        package.targets[index].dependencies += ["GuidelineAuditPostgres"]
        package.targets[index].swiftSettings = [.define("GUIDELINE_POSTGRES")]
    }
}
