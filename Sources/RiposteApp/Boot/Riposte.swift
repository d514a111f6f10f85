import Logging
import NIOCore
import NIOPosix
import Vapor

/// The process: build the application, run the command, exit non-zero on failure.
public enum Riposte {
    public static func main() async {
        // A program Riposte feeds (sendmail) that exits early must not end the server.
        signal(SIGPIPE, SIG_IGN)
        // Swift concurrency then runs on NIO's event loops: an `await` on a database
        // future no longer hops between two thread pools, which cost much of the CPU under load.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var environment = try Environment.detect()
            switch try LogFormat.fromEnvironment() {
            case .text: try LoggingSystem.bootstrap(from: &environment)
            case .json:
                try LoggingSystem.bootstrap(from: &environment) { level in
                    { label in JSONLogHandler(label: label, level: level) }
                }
            }
            let app = try await Application.make(environment)
            do {
                try await configure(app)
                try await app.execute()
            } catch {
                // A command's own refusal was already printed by the console.
                if !(error is CommandFailure) { app.logger.error("\(String(describing: error))") }
                try? await app.asyncShutdown()
                exit(1)
            }
            try await app.asyncShutdown()
        } catch {
            print("riposte: \(error)")
            exit(1)
        }
    }
}
