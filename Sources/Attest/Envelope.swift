import Crypto
import Foundation

/// A DSSE envelope: the statement's bytes, their type, and signatures over DSSE's
/// pre-authentication encoding.
public struct Envelope: Codable, Equatable, Sendable {
  public static let payloadType = "application/vnd.in-toto+json"

  public struct Signature: Codable, Equatable, Sendable {
    public let keyid: String
    public let sig: String
  }

  /// The statement's JSON, base64.
  public let payload: String
  public let payloadType: String
  public let signatures: [Signature]

  public init(payload: String, payloadType: String, signatures: [Signature]) {
    self.payload = payload
    self.payloadType = payloadType
    self.signatures = signatures
  }

  /// DSSE's PAE: `DSSEv1 <len(type)> <type> <len(body)> <body>`, lengths in bytes.
  static func preAuthenticationEncoding(type: String, body: Data) -> Data {
    var data = Data("DSSEv1 \(type.utf8.count) \(type) \(body.count) ".utf8)
    data.append(body)
    return data
  }

  /// Signs a statement with a key read by `AttestKeys`.
  public static func sign(_ statement: Statement, with key: SigningKey) throws(AttestError)
    -> Envelope
  {
    try sign(statement, with: key.key)
  }

  /// Signs a statement.
  public static func sign(
    _ statement: Statement, with key: Curve25519.Signing.PrivateKey
  ) throws(AttestError) -> Envelope {
    let body = try statement.encoded()
    let signature: Data
    do {
      signature = try key.signature(
        for: preAuthenticationEncoding(type: payloadType, body: body))
    } catch {
      throw .key(path: "signing key", reason: "\(error)")
    }
    return Envelope(
      payload: body.base64EncodedString(), payloadType: payloadType,
      signatures: [
        Signature(
          keyid: AttestKeys.keyID(key.publicKey), sig: signature.base64EncodedString())
      ])
  }

  /// The envelope as pretty JSON text.
  public func text() throws(AttestError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    } catch {
      throw .malformed(path: "envelope", reason: "\(error)")
    }
  }

  /// Reads an envelope from JSON text; `origin` names it in errors.
  public static func parse(_ text: String, origin: String) throws(AttestError) -> Envelope {
    do {
      return try JSONDecoder().decode(Envelope.self, from: Data(text.utf8))
    } catch {
      throw .malformed(path: origin, reason: "not a DSSE envelope (\(error))")
    }
  }

  /// Checks a signature with `key`, then decodes the statement; when `commit` is given, the
  /// statement must be about it.
  public func verify(
    with key: Curve25519.Signing.PublicKey, commit: String? = nil, origin: String
  ) throws(AttestError) -> Statement {
    guard payloadType == Self.payloadType, let body = Data(base64Encoded: payload) else {
      throw .malformed(path: origin, reason: "the payload is not in-toto JSON in base64")
    }
    let message = Self.preAuthenticationEncoding(type: payloadType, body: body)
    let valid = signatures.contains { signature in
      guard let bytes = Data(base64Encoded: signature.sig) else { return false }
      return key.isValidSignature(bytes, for: message)
    }
    guard valid else { throw .badSignature(path: origin) }
    let statement: Statement
    do {
      statement = try JSONDecoder().decode(Statement.self, from: body)
    } catch {
      throw .malformed(path: origin, reason: "the signed payload is not a statement (\(error))")
    }
    guard statement.statementType == Statement.type,
      statement.predicateType == Statement.verdictPredicateType,
      let head = statement.headCommit
    else {
      throw .malformed(path: origin, reason: "not an aigate verdict statement")
    }
    if let commit, commit != head {
      throw .wrongSubject(path: origin, expected: commit, found: head)
    }
    return statement
  }
}
