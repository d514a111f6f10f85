import Foundation

extension UUID {
    /// `uuidString` in lower case, written from the bytes: Foundation formats each UUID
    /// through `sprintf`, a visible share of a sweep that hashes and stores thousands.
    public var lowercaseText: String { text(Self.lower) }

    /// `uuidString`, as Foundation writes it (upper case), the same way.
    public var uppercaseText: String { text(Self.upper) }

    private static let lower = Array("0123456789abcdef".utf8)
    private static let upper = Array("0123456789ABCDEF".utf8)

    private func text(_ digits: [UInt8]) -> String {
        withUnsafeBytes(of: uuid) { raw in
            var characters = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
            var position = 0
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { position += 1 }
                characters[position] = digits[Int(byte >> 4)]
                characters[position + 1] = digits[Int(byte & 0x0F)]
                position += 2
            }
            return String(decoding: characters, as: UTF8.self)
        }
    }
}
