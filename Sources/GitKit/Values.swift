/// A git object id (SHA-1), as plain bytes.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The id's bytes.
  public let raw: [UInt8]

  /// Wraps raw id bytes.
  public init(raw: [UInt8]) {
    self.raw = raw
  }

  /// Parses a full hexadecimal id; nil when `hex` is not one.
  public init?(hex: String) {
    let chars = Array(hex.utf8)
    guard chars.count == 40 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20)
    var index = 0
    while index < chars.count {
      guard let high = Self.nibble(chars[index]), let low = Self.nibble(chars[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    raw = bytes
  }

  /// The full lowercase hexadecimal form.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(raw.count * 2)
    for byte in raw {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Hashes the bytes in one go (the synthesized hash feeds the hasher byte by byte, which
  /// showed in profiles of dictionaries keyed by commit).
  public func hash(into hasher: inout Hasher) {
    raw.withUnsafeBytes { hasher.combine(bytes: $0) }
  }

  /// The first seven hexadecimal digits, as git abbreviates.
  public var short: String { String(hex.prefix(7)) }

  public var description: String { hex }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
    lhs.raw.lexicographicallyPrecedes(rhs.raw)
  }

  private static func nibble(_ char: UInt8) -> UInt8? {
    switch char {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}

/// An author or committer.
public struct Signature: Hashable, Sendable {
  public let name: String
  public let email: String
  /// Seconds since 1970.
  public let time: Int64
  /// The signer's time zone offset from UTC.
  public let offsetMinutes: Int

  public init(name: String, email: String, time: Int64 = 0, offsetMinutes: Int = 0) {
    self.name = name
    self.email = email
    self.time = time
    self.offsetMinutes = offsetMinutes
  }
}

/// A `Key: value` line from a commit message's trailer block.
public struct Trailer: Hashable, Sendable {
  /// The key as written.
  public let key: String
  /// The value with folded continuation lines joined by single spaces.
  public let value: String

  public init(key: String, value: String) {
    self.key = key
    self.value = value
  }

  /// Whether the key is `name`, compared case-insensitively as git does.
  public func hasKey(_ name: String) -> Bool {
    key.caseInsensitiveCompare(name) == .orderedSame
  }
}

/// A commit, as plain values.
public struct Commit: Hashable, Sendable {
  public let id: ObjectID
  public let parents: [ObjectID]
  public let author: Signature
  public let committer: Signature
  /// The whole message as stored.
  public let message: String
  /// The trailers of the message's last paragraph, by git's rules.
  public let trailers: [Trailer]

  public init(
    id: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
    message: String, trailers: [Trailer]
  ) {
    self.id = id
    self.parents = parents
    self.author = author
    self.committer = committer
    self.message = message
    self.trailers = trailers
  }

  /// The first line of the message.
  public var subject: String {
    String(message.prefix { $0 != "\n" && $0 != "\r\n" })
  }

  /// Whether the commit has more than one parent.
  public var isMerge: Bool { parents.count > 1 }
}

/// How a file changed.
public enum FileStatus: String, Sendable, Codable {
  case added, modified, deleted, renamed, copied
  case typeChanged = "type-changed"
}

/// What a changed path holds on its new side.
public enum EntryType: String, Sendable, Codable {
  /// A regular (or executable) file.
  case file
  /// A symbolic link: its content is the target's path.
  case link
  /// A submodule's commit (a gitlink): its code lives in another repository.
  case submodule
}

/// One changed file in a diff: where it is, how it changed, and which of its lines were added.
public struct FileChange: Hashable, Sendable {
  /// The path on the new side (the old path for a deletion), relative to the repository root.
  public let path: String
  /// The path on the old side when it differs (renames and copies).
  public let oldPath: String?
  public let status: FileStatus
  /// Whether the new side's content looks binary (a NUL byte near its start, as git judges
  /// content); attributes never decide it, and added lines are read either way.
  public let isBinary: Bool
  /// Line numbers on the new side of every added line, ascending, 1-based.
  public let addedLines: [Int]
  /// What the new side is (the old side for a deletion).
  public let type: EntryType

  public init(
    path: String, oldPath: String?, status: FileStatus, isBinary: Bool, addedLines: [Int],
    type: EntryType = .file
  ) {
    self.path = path
    self.oldPath = oldPath
    self.status = status
    self.isBinary = isBinary
    self.addedLines = addedLines
    self.type = type
  }

  /// The added lines as maximal runs of consecutive line numbers.
  public var addedRanges: [ClosedRange<Int>] {
    var ranges: [ClosedRange<Int>] = []
    for line in addedLines {
      if let last = ranges.last, last.upperBound + 1 == line {
        ranges[ranges.count - 1] = last.lowerBound...line
      } else {
        ranges.append(line...line)
      }
    }
    return ranges
  }
}

/// A run of lines in the newest version of a file that one commit last changed.
public struct BlameHunk: Hashable, Sendable {
  /// The first line, 1-based, in the newest version.
  public let startLine: Int
  public let lineCount: Int
  /// The commit that last changed these lines.
  public let commit: ObjectID
  /// True when blame stopped at the oldest commit it was given (or the root): the lines are older
  /// than the range.
  public let isBoundary: Bool
  /// The path the lines had in `commit`, when blame followed a rename.
  public let originalPath: String?
  /// The first line, 1-based, in the file as `commit` has it (where line-level evidence
  /// recorded against that commit numbers it).
  public let originalStartLine: Int

  public init(
    startLine: Int, lineCount: Int, commit: ObjectID, isBoundary: Bool, originalPath: String?,
    originalStartLine: Int? = nil
  ) {
    self.startLine = startLine
    self.lineCount = lineCount
    self.commit = commit
    self.isBoundary = isBoundary
    self.originalPath = originalPath
    self.originalStartLine = originalStartLine ?? startLine
  }

  /// The lines this hunk covers.
  public var lines: ClosedRange<Int> { startLine...(startLine + max(lineCount, 1) - 1) }

  /// The line in `commit`'s version of the file that became `line` of the newest version.
  public func originalLine(for line: Int) -> Int {
    originalStartLine + (line - startLine)
  }
}

/// A change to gate: the files and added lines of `mergeBase..head`, or of the staged index.
public struct ChangeSet: Sendable {
  /// The merge-base of base and head; nil when the range starts at the empty tree, or when
  /// staged and HEAD is unborn.
  public let mergeBase: ObjectID?
  /// The head commit; nil for a staged change.
  public let head: ObjectID?
  /// The commits in the range, oldest first (empty for a staged change).
  public let commits: [Commit]
  /// Every changed file, sorted by path.
  public let files: [FileChange]

  public init(mergeBase: ObjectID?, head: ObjectID?, commits: [Commit], files: [FileChange]) {
    self.mergeBase = mergeBase
    self.head = head
    self.commits = commits
    self.files = files
  }

  /// Whether this is the index against HEAD rather than a commit range.
  public var isStaged: Bool { head == nil }

  /// How many lines the change adds.
  public var addedLineCount: Int { files.reduce(0) { $0 + $1.addedLines.count } }
}
