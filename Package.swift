// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "EdgeJWT",
    products: [
        .library(name: "EdgeJWT", targets: ["EdgeJWT"]),
        .executable(name: "edgejwt", targets: ["edgejwt"]),
        // The C API (include/edgejwt.h, docs/c-api.md): libedgejwt-c.so and libedgejwt-static.a (installed as libedgejwt.so.1 and libedgejwt.a)
        // installed with a pkg-config file by Scripts/build-c-library.sh.
        .library(name: "edgejwt-c", type: .dynamic, targets: ["EdgeJWTC"]),
        .library(name: "edgejwt-static", type: .static, targets: ["EdgeJWTC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "EdgeJWT",
            dependencies: ["CSodium", "CZlib"]
        ),
        .target(
            name: "EdgeJWTC",
            dependencies: ["EdgeJWT"]
        ),
        .target(
            name: "EdgeJWTSync",
            dependencies: ["EdgeJWT", "CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "EdgeJWTConformance",
            dependencies: ["EdgeJWT"]
        ),
        .executableTarget(
            name: "edgejwt",
            dependencies: [
                "EdgeJWT",
                "EdgeJWTConformance",
                "EdgeJWTSync",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "verify-token",
            dependencies: ["EdgeJWT"],
            path: "Examples/verify-token",
            exclude: ["README.md", "keys.json", "token.jwt"]
        ),
        .executableTarget(
            name: "gateway-daemon",
            dependencies: ["EdgeJWT", "EdgeJWTSync"],
            path: "Examples/gateway-daemon",
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "revocation-store-writer",
            dependencies: ["EdgeJWT"],
            path: "Tests/Helpers/revocation-store-writer"
        ),
        .executableTarget(
            name: "key-set-sync-writer",
            dependencies: ["EdgeJWT", "EdgeJWTSync"],
            path: "Tests/Helpers/key-set-sync-writer"
        ),
        .executableTarget(
            name: "keyset-store-writer",
            dependencies: ["EdgeJWT"],
            path: "Tests/Helpers/keyset-store-writer"
        ),
        .testTarget(
            name: "EdgeJWTTests",
            dependencies: ["EdgeJWT", "EdgeJWTConformance", "revocation-store-writer", "keyset-store-writer"]
        ),
        .testTarget(
            name: "EdgeJWTCLITests",
            dependencies: ["edgejwt", "verify-token"]
        ),
        .testTarget(
            name: "CommandLineParserTests",
            dependencies: ["edgejwt"]
        ),
        .testTarget(
            name: "EdgeJWTSyncTests",
            dependencies: ["EdgeJWTSync", "EdgeJWT", "edgejwt", "gateway-daemon", "key-set-sync-writer"],
            exclude: ["FaultServer"]
        ),
        .testTarget(
            name: "CAPITests",
            dependencies: ["EdgeJWT", "EdgeJWTC", "EdgeJWTConformance"],
            exclude: ["C"]
        ),
        .testTarget(
            name: "EdgeJWTCurlTests",
            dependencies: ["EdgeJWTSync"],
            exclude: ["Servers"]
        ),
        .testTarget(
            name: "EdgeJWTMetricsTests",
            dependencies: ["EdgeJWTSync", "EdgeJWT"]
        ),
        .testTarget(
            name: "PackagingTests",
            dependencies: ["edgejwt", "EdgeJWTSync"]
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: ["EdgeJWT", "edgejwt"],
            exclude: ["Peer"]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ])
    target.swiftSettings = settings
}
