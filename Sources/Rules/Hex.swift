/// Lowercase hexadecimal text of bytes (digests, cache keys), two digits a byte.
///
/// Written by hand: `String(format:)` starts Foundation's formatter on first use and costs
/// microseconds a byte, which a report of many fingerprints felt.
public enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)

  public static func string<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
