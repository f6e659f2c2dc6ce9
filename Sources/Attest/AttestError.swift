import GitKit

/// What can go wrong while signing, storing or checking a verdict record; each exits 2.
public enum AttestError: Error, Sendable, CustomStringConvertible {
  case key(path: String, reason: String)
  case noKey
  case unreadable(path: String, reason: String)
  case malformed(path: String, reason: String)
  case badSignature(path: String)
  case wrongSubject(path: String, expected: String, found: String)
  case git(GitError)

  public var description: String {
    switch self {
    case .key(let path, let reason):
      return "\(path): not a usable aigate Ed25519 key: \(reason)"
    case .noKey:
      return
        "no signing key: pass --attest-key FILE or set AIGATE_ATTEST_KEY (aigate attest keygen "
        + "writes a pair)"
    case .unreadable(let path, let reason):
      return "\(path): cannot be read: \(reason)"
    case .malformed(let path, let reason):
      return "\(path): not an aigate attestation: \(reason)"
    case .badSignature(let path):
      return "\(path): the signature does not verify with this key"
    case .wrongSubject(let path, let expected, let found):
      return "\(path): the statement is about commit \(found), not \(expected)"
    case .git(let error):
      return error.description
    }
  }
}
