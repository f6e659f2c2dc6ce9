import Crypto
import Foundation
import Testing

@testable import Attest

@Suite("Detached file signatures (a release's checksum file)")
struct FileSignatureTests {
  let key = Curve25519.Signing.PrivateKey()
  let sums = Data("0123abcd  aigate-0.1.0-linux-x86_64.tar.gz\n".utf8)

  @Test("A signature verifies for its file and key")
  func roundTrip() throws {
    let text = try FileSignature.sign(sums, with: SigningKey(key))
    #expect(text.hasPrefix("aigate ed25519 file signature\nkey "))
    try FileSignature.verify(sums, signatureText: text, key: key.publicKey, origin: "s.sig")
  }

  @Test("A changed file, another key, or a mangled signature is refused")
  func refusals() throws {
    let text = try FileSignature.sign(sums, with: SigningKey(key))
    var changed = sums
    changed[0] = UInt8(ascii: "9")
    #expect(throws: AttestError.self) {
      try FileSignature.verify(changed, signatureText: text, key: key.publicKey, origin: "s.sig")
    }
    do {
      try FileSignature.verify(changed, signatureText: text, key: key.publicKey, origin: "s.sig")
    } catch {
      guard case .badSignature(let path) = error else {
        Issue.record("expected a bad signature, got \(error)")
        return
      }
      #expect(path == "s.sig")
    }
    let other = Curve25519.Signing.PrivateKey().publicKey
    #expect {
      try FileSignature.verify(sums, signatureText: text, key: other, origin: "s.sig")
    } throws: { error in
      guard case AttestError.malformed(_, let reason) = error else { return false }
      return reason.contains("not this key")
    }
    // Same key id line, another key's signature bytes: the signature itself must verify.
    let forged = try FileSignature.sign(sums, with: SigningKey(Curve25519.Signing.PrivateKey()))
    let lines = text.split(separator: "\n")
    let forgedLines = forged.split(separator: "\n")
    let spliced = "\(lines[0])\n\(lines[1])\n\(forgedLines[2])\n"
    #expect(throws: AttestError.self) {
      try FileSignature.verify(sums, signatureText: spliced, key: key.publicKey, origin: "s.sig")
    }
    for broken in [
      "", "aigate ed25519 file signature\n", text.replacingOccurrences(of: "key ", with: ""),
    ] {
      #expect(throws: AttestError.self) {
        try FileSignature.verify(sums, signatureText: broken, key: key.publicKey, origin: "s.sig")
      }
    }
  }

  @Test("A verdict envelope's signature is not a file signature of the same bytes")
  func domainSeparated() throws {
    // Signed without the domain line, as a bare Ed25519 signature of the file would be.
    let bare = try key.signature(for: sums).base64EncodedString()
    let text = "aigate ed25519 file signature\nkey \(AttestKeys.keyID(key.publicKey))\n\(bare)\n"
    #expect(throws: AttestError.self) {
      try FileSignature.verify(sums, signatureText: text, key: key.publicKey, origin: "s.sig")
    }
  }
}
