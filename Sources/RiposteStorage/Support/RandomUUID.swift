import Foundation
import NIOConcurrencyHelpers
import RiposteCore

#if canImport(Glibc)
    import Glibc
#endif

extension UUID {
    /// A version 4 UUID from the kernel's random generator. Foundation's `UUID()` opens
    /// /dev/urandom on every call here, and even a system call per identifier cost a sweep a
    /// twentieth of its time: bytes are drawn 4 KiB at a time and each handed out once.
    package static func random() -> UUID {
        stamped(version: 4) { _ in }
    }

    /// A version 7 UUID: the millisecond of `date` in its first six bytes, then 74 random
    /// bits. Rows keyed by it are appended at the end of their indexes instead of landing on
    /// a random page of each: a batch of filings dirties one leaf of the incidents' and the
    /// journal's primary keys, not one per row.
    package static func timeOrdered(at date: Date) -> UUID {
        let milliseconds = UInt64(max(0, JournalClock.milliseconds(date)))
        return stamped(version: 7) { raw in
            for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * UInt64(index))) }
        }
    }

    /// Sixteen random bytes, given their fixed part by `fill`, then the version and the
    /// RFC 4122 variant.
    private static func stamped(version: UInt8, _ fill: (UnsafeMutableRawBufferPointer) -> Void) -> UUID {
        var bytes = RandomPool.shared.next16()
        return withUnsafeMutableBytes(of: &bytes) { raw in
            fill(raw)
            raw[6] = (raw[6] & 0x0F) | version << 4
            raw[8] = (raw[8] & 0x3F) | 0x80
            return UUID(
                uuid: (
                    raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11],
                    raw[12], raw[13], raw[14], raw[15]
                ))
        }
    }
}

/// Random bytes from the kernel, fetched in blocks; a byte is never handed out twice.
package final class RandomPool: Sendable {
    package static let shared = RandomPool()
    private static let blockSize = 4096

    private struct Block {
        var bytes = [UInt8](repeating: 0, count: RandomPool.blockSize)
        var used = RandomPool.blockSize
    }

    private let block = NIOLockedValueBox(Block())

    package func next16() -> (UInt64, UInt64) {
        block.withLockedValue { block in
            if block.used + 16 > block.bytes.count {
                Self.fill(&block.bytes)
                block.used = 0
            }
            defer { block.used += 16 }
            return block.bytes.withUnsafeBytes { raw in
                (
                    raw.loadUnaligned(fromByteOffset: block.used, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: block.used + 8, as: UInt64.self)
                )
            }
        }
    }

    /// The kernel's generator through one descriptor kept open (Glibc does not export
    /// `getrandom` to Swift); if /dev/urandom cannot be read, the standard library's generator.
    private static let urandom: Int32 = {
        #if canImport(Glibc)
            return open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        #else
            return -1
        #endif
    }()

    private static func fill(_ bytes: inout [UInt8]) {
        #if canImport(Glibc)
            if urandom >= 0 {
                let count = bytes.count
                let filled = bytes.withUnsafeMutableBytes { raw -> Bool in
                    var offset = 0
                    while offset < count {
                        let got = read(urandom, raw.baseAddress! + offset, count - offset)
                        if got < 0 && errno == EINTR { continue }
                        if got <= 0 { return false }
                        offset += got
                    }
                    return true
                }
                if filled { return }
            }
        #endif
        var generator = SystemRandomNumberGenerator()
        for index in stride(from: 0, to: bytes.count, by: 8) {
            withUnsafeBytes(of: generator.next() as UInt64) { word in
                for offset in 0..<8 { bytes[index + offset] = word[offset] }
            }
        }
    }
}
