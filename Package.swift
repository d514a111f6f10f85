// swift-tools-version:6.0
import PackageDescription

// ExistentialAny keeps `any Protocol` explicit everywhere, as STYLE.md asks.
let strictSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

// ZIPFoundation's zlib module (a system library target) is handed only to ZIPFoundation
// itself on Linux; the targets that import ZIPFoundation need its module map too.
let zlibModuleMap = Context.packageDirectory + "/.build/checkouts/ZIPFoundation/Sources/CZLib/module.modulemap"
let appSettings: [SwiftSetting] =
    strictSettings + [.unsafeFlags(["-Xcc", "-fmodule-map-file=\(zlibModuleMap)"], .when(platforms: [.linux]))]

let package = Package(
    name: "riposte",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "riposte", targets: ["riposte"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/leaf", from: "4.5.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The domain: rules of the incident management plan. No Vapor, no database, no clock.
        .target(
            name: "RiposteCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // Schema, migrations and one store per aggregate: the only code that names tables.
        // No Vapor: it speaks to SQLite and PostgreSQL through FluentKit and SQLKit.
        .target(
            name: "RiposteStorage",
            dependencies: [
                "RiposteCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Use cases, notifications, the API, the pages, commands and boot: maps the core and
        // the stores to the outside world.
        .target(
            name: "RiposteApp",
            dependencies: [
                "RiposteCore",
                "RiposteStorage",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Looked up in the bundle, not the working directory: `riposte serve` works from anywhere.
            resources: [
                .copy("OpenAPI/openapi.yaml"), .copy("Web/Views"), .copy("Web/Public"), .copy("Web/Locales"),
                .copy("Support/common-passwords.txt"),
            ],
            swiftSettings: appSettings
        ),
        .executableTarget(
            name: "riposte",
            dependencies: ["RiposteApp"],
            swiftSettings: appSettings
        ),
        .testTarget(
            name: "RiposteCoreTests",
            dependencies: ["RiposteCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RiposteAppTests",
            dependencies: [
                "RiposteApp",
                "RiposteStorage",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: appSettings
        ),
    ]
)
