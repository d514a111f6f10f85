import NIOConcurrencyHelpers
import Vapor

extension Request {
    /// Hands the body to `consume` chunk by chunk, in order, on the thread pool (the consumer may
    /// write to disk), and asks for the next chunk only when the previous one is done: a slow
    /// disk slows the sender down instead of filling memory. A body read whole already (in tests,
    /// or by a middleware) comes as one chunk. The first error stops the reading and is thrown.
    func consumeBody(_ consume: @escaping @Sendable (ByteBuffer) throws -> Void) async throws {
        let done = eventLoop.makePromise(of: Void.self)
        let settled = NIOLockedValueBox(false)
        @Sendable func settle(_ result: Result<Void, any Error>) {
            guard
                settled.withLockedValue({ was in
                    defer { was = true }; return !was
                })
            else { return }
            done.completeWith(result)
        }
        let pool = application.threadPool
        let eventLoop = self.eventLoop
        body.drain { part in
            switch part {
            case .buffer(let chunk):
                let written = pool.runIfActive(eventLoop: eventLoop) { try consume(chunk) }
                written.whenFailure { settle(.failure($0)) }
                return written
            case .error(let error):
                settle(.failure(error))
            case .end:
                settle(.success(()))
            }
            return eventLoop.makeSucceededVoidFuture()
        }
        try await done.futureResult.get()
    }
}
