/// Why a report could not be produced.
public enum ReportError: Error, Sendable, CustomStringConvertible {
  /// A report model did not encode (a value JSON cannot hold, such as a non-finite number).
  case encoding(format: String, reason: String)
  /// A file a report goes to could not be written.
  case write(path: String, reason: String)

  public var description: String {
    switch self {
    case .encoding(let format, let reason):
      return "cannot encode the \(format) report: \(reason)"
    case .write(let path, let reason):
      return "cannot write the report to \(path): \(reason)"
    }
  }
}
