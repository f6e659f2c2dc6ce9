import Crypto
import Foundation

/// Detached Ed25519 signatures of whole files (a release's checksum file), checkable offline
/// with the publisher's `aigate attest` public key.
///
/// The text form is a header line, the signing key's id, and the signature in base64; the
/// signature covers a domain line and the file's bytes, so it cannot be replayed as a verdict.
public enum FileSignature {
  static let header = "aigate ed25519 file signature"
  static let domain = Data("aigate file signature v1\n".utf8)

  /// The signature file's text for `data`.
  public static func sign(_ data: Data, with key: SigningKey) throws(AttestError) -> String {
    let signature: Data
    do {
      signature = try key.key.signature(for: domain + data)
    } catch {
      throw .key(path: "signing key", reason: "\(error)")
    }
    return "\(header)\nkey \(AttestKeys.keyID(key.key.publicKey))\n"
      + "\(signature.base64EncodedString())\n"
  }

  /// Refuses unless `signatureText` is a signature of `data` by `key`; `origin` names the
  /// signature file in errors.
  public static func verify(
    _ data: Data, signatureText: String, key: Curve25519.Signing.PublicKey, origin: String
  ) throws(AttestError) {
    let lines = signatureText.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    guard lines.count == 3, lines[0] == header, lines[1].hasPrefix("key "),
      let signature = Data(base64Encoded: lines[2]), signature.count == 64
    else {
      throw .malformed(
        path: origin,
        reason: "expected '\(header)', a 'key' line and one line of base64 (64 bytes)")
    }
    let id = AttestKeys.keyID(key)
    guard lines[1] == "key \(id)" else {
      throw .malformed(
        path: origin, reason: "made with key \(lines[1].dropFirst(4)), not this key (\(id))")
    }
    guard key.isValidSignature(signature, for: domain + data) else {
      throw .badSignature(path: origin)
    }
  }
}
