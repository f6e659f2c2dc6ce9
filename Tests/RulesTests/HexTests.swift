import Foundation
import Testing

@testable import Rules

@Test("Hex text is two lowercase digits a byte, as %02x writes them")
func hexMatchesPrintf() {
  let all = (0...255).map { UInt8($0) }
  #expect(Hex.string(all) == all.map { String(format: "%02x", $0) }.joined())
  #expect(Hex.string([UInt8]()) == "")
  #expect(Hex.string([0x00, 0xAB, 0x0F]) == "00ab0f")
}
