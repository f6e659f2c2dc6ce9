/// One entry of semgrep's `--json` `results[]`: read from semgrep's output, and written (each
/// with its own `extra`) by aigate's JSON reports, which tools that read semgrep's must read.
public struct SemgrepResult<Extra: Sendable>: Sendable {
  public let checkID: String
  public let path: String
  public let start: FilePosition
  public let end: FilePosition
  public let extra: Extra

  public init(checkID: String, path: String, start: FilePosition, end: FilePosition, extra: Extra) {
    self.checkID = checkID
    self.path = path
    self.start = start
    self.end = end
    self.extra = extra
  }

  enum CodingKeys: String, CodingKey {
    case checkID = "check_id"
    case path, start, end, extra
  }
}

extension SemgrepResult: Encodable where Extra: Encodable {}
extension SemgrepResult: Decodable where Extra: Decodable {}
