import Foundation
import RiposteCore

extension UUID {
    /// `uuidString` in lower case, written from the bytes: Foundation formats each UUID
    /// through `sprintf`, a visible share of a sweep that hashes and stores thousands.
    package var lowercaseText: String { text(Hex.lowercaseDigits) }

    /// `uuidString`, as Foundation writes it (upper case), the same way.
    package var uppercaseText: String { text(Hex.uppercaseDigits) }

    /// Reads the 36-character text of a UUID, in either case, as `UUID(uuidString:)` does:
    /// Foundation parses it with `sscanf`, a visible share of a register page read from
    /// SQLite, where UUIDs are stored as text.
    package init?(text: String) {
        var text = text
        guard let bytes = text.withUTF8({ Self.parse($0) }) else { return nil }
        self.init(uuid: bytes)
    }

    private func text(_ digits: [UInt8]) -> String {
        withUnsafeBytes(of: uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { characters in
                var position = 0
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        characters[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    characters[position] = digits[Int(byte >> 4)]
                    characters[position + 1] = digits[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }

    private static func parse(_ characters: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard characters.count == 36 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let complete = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    guard characters[position] == UInt8(ascii: "-") else { return false }
                    position += 1
                }
                guard let high = nibble(characters[position]), let low = nibble(characters[position + 1]) else {
                    return false
                }
                out[index] = high << 4 | low
                position += 2
            }
            return true
        }
        return complete ? bytes : nil
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
