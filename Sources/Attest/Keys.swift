import Crypto
import Foundation

/// A private Ed25519 key for signing verdicts, opaque to callers that do not import Crypto.
public struct SigningKey: Sendable {
  public let key: Curve25519.Signing.PrivateKey

  public init(_ key: Curve25519.Signing.PrivateKey) {
    self.key = key
  }
}

/// Ed25519 keys in aigate's small text format.
///
/// A header line names the kind, then the raw key follows in base64. The same base64 may be given through `AIGATE_ATTEST_KEY`.
public enum AttestKeys {
  static let privateHeader = "aigate ed25519 private key"
  static let publicHeader = "aigate ed25519 public key"

  /// A new pair, as the text of the private and the public key file.
  public static func generate() -> (privateKey: String, publicKey: String) {
    let key = Curve25519.Signing.PrivateKey()
    return (
      "\(privateHeader)\n\(key.rawRepresentation.base64EncodedString())\n",
      "\(publicHeader)\n\(key.publicKey.rawRepresentation.base64EncodedString())\n"
    )
  }

  /// Writes a pair: the private key readable by its owner only (0600), the public key 0644.
  public static func write(privatePath: String, publicPath: String) throws(AttestError) {
    let pair = generate()
    for (path, text, mode) in [
      (privatePath, pair.privateKey, 0o600), (publicPath, pair.publicKey, 0o644),
    ] {
      if FileManager.default.fileExists(atPath: path) {
        throw .key(path: path, reason: "the file exists; aigate never overwrites a key")
      }
      // Create with the final mode before writing, so the secret is never world-readable.
      guard
        FileManager.default.createFile(
          atPath: path, contents: nil, attributes: [.posixPermissions: mode])
      else {
        throw .key(path: path, reason: "cannot create the file")
      }
      do {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
      } catch {
        throw .key(path: path, reason: error.localizedDescription)
      }
    }
  }

  /// The signing key from a key file, or from the base64 text itself.
  public static func signingKey(file path: String?, environment: [String: String])
    throws(AttestError) -> SigningKey
  {
    let (text, origin): (String, String)
    if let path {
      try requirePrivate(path)
      text = try read(path)
      origin = path
    } else if let value = environment["AIGATE_ATTEST_KEY"], !value.isEmpty {
      text = value
      origin = "AIGATE_ATTEST_KEY"
    } else {
      throw .noKey
    }
    let raw = try decode(text, header: privateHeader, origin: origin)
    do {
      return SigningKey(try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
    } catch {
      throw .key(path: origin, reason: "\(error)")
    }
  }

  /// The verifying key from a public key file.
  public static func verifyingKey(file path: String) throws(AttestError)
    -> Curve25519.Signing.PublicKey
  {
    let raw = try decode(try read(path), header: publicHeader, origin: path)
    do {
      return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
    } catch {
      throw .key(path: path, reason: "\(error)")
    }
  }

  /// A short, stable id for a public key: the first 16 hex digits of its SHA-256.
  public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
    SHA256.hash(data: key.rawRepresentation).map { String(format: "%02x", $0) }.joined()
      .prefix(16).description
  }

  /// Refuses a private key file that others may read, as ssh does: whoever can read it can sign
  /// verdicts.
  static func requirePrivate(_ path: String) throws(AttestError) {
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw .key(path: path, reason: String(cString: strerror(errno)))
    }
    let mode = status.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      throw .key(
        path: path,
        reason: "permissions \(String(mode, radix: 8, uppercase: false).leftPadded(to: 4)) are "
          + "too open: others on this machine can read the private key and sign verdicts; "
          + "run chmod 600 on it (aigate refuses it, as ssh does)")
    }
  }

  private static func read(_ path: String) throws(AttestError) -> String {
    do {
      return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw .key(path: path, reason: error.localizedDescription)
    }
  }

  private static func decode(_ text: String, header: String, origin: String) throws(AttestError)
    -> Data
  {
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    var body = lines
    if let first = lines.first, first.hasPrefix("aigate ") {
      guard first == header else {
        throw .key(path: origin, reason: "expected '\(header)', found '\(first)'")
      }
      body = Array(lines.dropFirst())
    }
    guard body.count == 1, let raw = Data(base64Encoded: body[0]), raw.count == 32 else {
      throw .key(path: origin, reason: "expected one line of base64 holding 32 bytes")
    }
    return raw
  }
}

extension String {
  /// The text with zeros before it up to `width` characters (file modes as `0644`).
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
