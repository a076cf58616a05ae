// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "EdgeJWT",
    products: [
        .library(name: "EdgeJWT", targets: ["EdgeJWT"]),
        .executable(name: "edgejwt", targets: ["edgejwt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        .target(
            name: "EdgeJWT",
            dependencies: ["CSodium", "CZlib"]
        ),
        .target(
            name: "EdgeJWTSync",
            dependencies: ["EdgeJWT", .product(name: "Logging", package: "swift-log")]
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            name: "EdgeJWTSyncTests",
            dependencies: ["EdgeJWTSync", "EdgeJWT", "edgejwt", "gateway-daemon"],
            exclude: ["FaultServer"]
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
