import Foundation
import Leaf
import LeafKit
import Vapor

/// Templates, stylesheets and catalogues ship inside the app's resource bundle, so
/// `riposte serve` finds them whatever the working directory.
enum WebResources {
    static func directory(_ name: String) throws -> String {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(name) else {
            throw StartupFault.resourceMissing(name)
        }
        return url.path + "/"
    }

    static func publicDirectory() throws -> String { try directory("Public") }

    static func configure(_ app: Application) throws {
        app.views.use(.leaf)
        let views = try directory("Views")
        app.leaf.configuration.rootDirectory = views
        // The bundle sits under `.build` during development, which the default limits (no
        // hidden folder anywhere in the path) would refuse; the sandbox still holds.
        app.leaf.sources = .singleSource(
            NIOLeafFiles(
                fileio: app.fileio, limits: [.toSandbox, .onlyLeafExtensions], sandboxDirectory: views,
                viewDirectory: views))
        app.leaf.tags["t"] = TranslateTag()
        app.leaf.tags["tk"] = TranslateKeyTag()
        app.leaf.tags["route"] = RouteTag()
        app.leaf.tags["exercise"] = ExerciseMarkTag()
        app.catalogue = try Catalogue.load()
    }
}
