// swift-tools-version: 6.1
// libFuzzer targets for EdgeJWT. Its own package, like Benchmarks/, so users never build it.
// Build and run with Scripts/fuzz.sh, which passes -sanitize=fuzzer,address and -parse-as-library:
// each target defines LLVMFuzzerTestOneInput and no main (libFuzzer's main is linked in).
import PackageDescription

let targets = [
    "fuzz-verify", "fuzz-verify-signed", "fuzz-json", "fuzz-base64url", "fuzz-jwks", "fuzz-status-list",
    "fuzz-revocation-list",
]

let package = Package(
    name: "EdgeJWTFuzz",
    dependencies: [.package(name: "EdgeJWT", path: "..")],
    targets: [
        .systemLibrary(name: "CFuzzLibs", pkgConfig: "libsodium"),
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "EdgeJWT", package: "EdgeJWT"), "CFuzzLibs"]
        ),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "EdgeJWT", package: "EdgeJWT")]
        )
    }
)
