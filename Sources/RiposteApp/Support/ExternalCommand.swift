import Foundation

/// Programs Riposte runs without a shell (sendmail, pg_dump, pg_restore): found as a shell
/// would find them, run with their arguments as given, so nothing typed by a user or found in
/// a message can become part of a command line.
enum ExternalCommand {
    /// The program as given when it names a path, else the first on `PATH`.
    static func find(_ name: String) -> URL? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs the program to its end, `input` on its standard input, stopped after `timeout`;
    /// its exit status and the start of what it wrote on standard error.
    static func run(
        _ program: URL, _ arguments: [String], input: Data? = nil, timeout: TimeInterval? = nil,
        environment: [String: String] = [:]
    ) async throws -> (status: Int32, error: String) {
        // A program that exits without reading all its input (a refusing sendmail) must cost a
        // failed write, not this process: whoever runs commands ignores SIGPIPE, not only `serve`.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            if let timeout {
                let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
            }
            if let input {
                // A program that exits without reading its input is its failure, not Riposte's
                // (SIGPIPE is ignored at boot; the write's error is dropped).
                try? stdin.fileHandleForWriting.write(contentsOf: input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let detail = String(decoding: stderr.fileHandleForReading.availableData.prefix(500), as: UTF8.self)
        return (status, detail.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
