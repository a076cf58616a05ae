// swift-tools-version: 6.1
import PackageDescription

// EdgeJWT's benchmarks: a package of their own, so that users of the library never fetch jwt-kit
// and its dependencies. Run `Benchmarks/run.sh` (release build); see docs/performance.md.
let package = Package(
    name: "EdgeJWTBenchmarks",
    dependencies: [
        .package(name: "EdgeJWT", path: ".."),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
    ],
    targets: [
        // libsodium and zlib, for the raw-libsodium baseline and for making the fixtures.
        .systemLibrary(name: "CBenchLibs", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev", "zlib1g-dev"])]),
        // Counts every malloc-family call in the process (it interposes glibc's).
        .target(name: "CMallocCounter"),
        // Fixtures (key, tokens, status list, revocation store), the rows, timing and statistics.
        .target(
            name: "BenchSupport",
            dependencies: ["CBenchLibs", .product(name: "EdgeJWT", package: "EdgeJWT")]
        ),
        // The table: interleaved timed rounds, allocations, peak memory, 1 and 2 threads.
        .executableTarget(
            name: "edgejwt-bench",
            dependencies: [
                "BenchSupport",
                "CBenchLibs",
                "CMallocCounter",
                .product(name: "EdgeJWT", package: "EdgeJWT"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        // Runs one row N times, synchronously, with the system malloc: for callgrind's
        // instruction counts (Benchmarks/instructions.sh).
        .executableTarget(
            name: "edgejwt-instructions",
            dependencies: ["BenchSupport", .product(name: "EdgeJWT", package: "EdgeJWT")]
        ),
    ]
)
