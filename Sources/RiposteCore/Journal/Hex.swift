/// Hexadecimal digits, and lowercase hexadecimal text without Foundation's slow `String(format:)`.
public enum Hex {
    /// The sixteen digits as UTF-8 bytes, for the texts written byte by byte (UUIDs, JSON escapes).
    public static let lowercaseDigits = Array("0123456789abcdef".utf8)
    public static let uppercaseDigits = Array("0123456789ABCDEF".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(lowercaseDigits[Int(byte >> 4)])
            characters.append(lowercaseDigits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
