import CPCRE2
import Foundation

/// semgrep's regular expressions: PCRE2, compiled as semgrep compiles them (UTF, `^` and `$` at
/// line ends) and searched with semgrep's match limits.
///
/// This is the only file that sees the C library; the rest of aigate holds `PCRE.Regex` values.
public enum PCRE {
  /// The most backtracking steps one search may take, semgrep's own bound; with it a
  /// catastrophic pattern ends in an error within milliseconds instead of hanging the gate.
  public static let matchLimit: UInt32 = 1_000_000
  /// How deeply the interpreter's backtracking may nest, which also bounds its memory (the JIT
  /// is bounded by its stack instead).
  public static let depthLimit: UInt32 = 10_000

  /// How a pattern is compiled, beyond the UTF mode every pattern gets.
  public struct Options: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
      self.rawValue = rawValue
    }

    /// `^` and `$` also match at line ends: semgrep's mode for every rule regex.
    public static let multiline = Options(rawValue: PCRE2_MULTILINE)
    /// Letters match without regard to case.
    public static let caseless = Options(rawValue: PCRE2_CASELESS)
    /// `\w`, `\d`, `\s` and `\b` know every script's letters and digits, not only ASCII's.
    public static let unicodeClasses = Options(rawValue: PCRE2_UCP)
  }

  /// Why a pattern does not compile: PCRE2's message and the byte offset it points at.
  public struct CompileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public let offset: Int

    public var description: String { "\(message) at position \(offset)" }
  }

  /// Why a search stopped without an answer.
  public enum MatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// It needed more backtracking than the limits allow: the pattern backtracks
    /// catastrophically on this text.
    case limit(String)
    /// PCRE2 refused the search for another reason.
    case failed(String)

    public var description: String {
      switch self {
      case .limit(let which): return "the regex hit PCRE2's \(which) on this text"
      case .failed(let message): return "PCRE2 failed: \(message)"
      }
    }
  }

  /// The PCRE2 library's version (`10.42 2022-12-11`): which regexes compile is its answer, so
  /// rules checked by one version are not taken as checked by another.
  public static let libraryVersion: String = {
    var buffer = [UInt8](repeating: 0, count: 64)
    let length = buffer.withUnsafeMutableBytes {
      pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), $0.baseAddress)
    }
    guard length > 1, length <= buffer.count else { return "unknown" }
    return String(decoding: buffer[..<Int(length - 1)], as: UTF8.self)
  }()

  /// `pattern` compiled with `options`, once per process: rule loading checks it, the matcher
  /// runs the same code, and rules repeating a regex share it.
  public static func compile(_ pattern: String, options: Options = .multiline) -> Result<
    Regex, CompileError
  > {
    compiled.value(for: Key(pattern: pattern, options: options)) {
      Regex.make(pattern, options: options)
    }
  }

  /// Why `pattern` is not a valid rule regex, or nil when it compiles as semgrep compiles it.
  public static func problem(in pattern: String) -> String? {
    if case .failure(let error) = compile(pattern) { return error.description }
    return nil
  }

  /// The names of a pattern's named groups, which bind metavariables `$name`; none for a
  /// pattern that does not compile.
  public static func groupNames(in pattern: String) -> [String] {
    guard case .success(let regex) = compile(pattern) else { return [] }
    return regex.groupNames.map(\.name)
  }

  private struct Key: Hashable, Sendable {
    let pattern: String
    let options: Options
  }

  private static let compiled = Memo<Key, Result<Regex, CompileError>>()

  /// One match: the bytes it covers and each capture group's, by group number (0 is the whole
  /// match); nil for a group that took no part.
  public struct Match: Sendable, Hashable {
    public let groups: [Range<Int>?]

    /// The bytes of the whole match.
    public var range: Range<Int> { groups[0] ?? 0..<0 }
  }

  /// A compiled pattern; safe to search from any thread.
  public struct Regex: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    public let options: Options
    /// Named groups (`(?P<name>…)`, `(?<name>…)`, `(?'name'…)`) with their numbers, by name.
    public let groupNames: [(name: String, number: Int)]
    /// The number of capture groups.
    public let captureCount: Int
    /// The code for valid UTF-8, interpreted.
    private let code: Code
    /// The JIT-compiled copy for long subjects, and the code for invalid UTF-8, each made the
    /// first time a search needs it: most regexes (an agent pattern, a `metavariable-regex`)
    /// only ever see short valid text, where compiling for the JIT costs more than it saves.
    private let later: LaterCodes

    public static func == (lhs: Regex, rhs: Regex) -> Bool {
      lhs.pattern == rhs.pattern && lhs.options == rhs.options
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(pattern)
      hasher.combine(options.rawValue)
    }

    fileprivate static func make(_ pattern: String, options: Options) -> Result<Regex, CompileError>
    {
      let code: Code
      switch Code.compile(pattern, options.rawValue | PCRE2_UTF) {
      case .success(let valid): code = valid
      case .failure(let error): return .failure(error)
      }
      return .success(
        Regex(
          pattern: pattern, options: options, groupNames: code.names(),
          captureCount: code.captureCount(), code: code,
          later: LaterCodes(pattern: pattern, flags: options.rawValue | PCRE2_UTF)))
    }

    /// The first match starting at or after byte `start` of `subject`; with `anchored`, only
    /// a match starting exactly there.
    public func firstMatch(
      in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0, anchored: Bool = false
    ) throws(MatchError) -> Match? {
      try search(
        subject, from: start, flags: anchored ? PCRE2_ANCHORED : 0,
        valid: PCRE.isValidUTF8(subject))
    }

    /// The first match in `subject`'s UTF-8, from its start.
    public func firstMatch(in subject: String, anchored: Bool = false) throws(MatchError)
      -> Match?
    {
      var text = subject
      // A String is valid UTF-8 by construction.
      let found = text.withUTF8 { buffer in
        Result { () throws(MatchError) in
          try search(buffer, from: 0, flags: anchored ? PCRE2_ANCHORED : 0, valid: true)
        }
      }
      return try found.get()
    }

    /// Calls `body` with each match in `subject` in order, matches not overlapping, until it
    /// returns false; after an empty match the next is sought one character on, as Perl does.
    public func forEachMatch(
      in subject: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Bool
    ) throws(MatchError) {
      var start = 0
      var afterEmpty = false
      // Checked once here rather than by PCRE2 at every search.
      let valid = PCRE.isValidUTF8(subject)
      while start <= subject.count {
        let flags = afterEmpty ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0
        guard let match = try search(subject, from: start, flags: flags, valid: valid) else {
          guard afterEmpty else { return }
          // No non-empty match where the empty one was: move one character on.
          afterEmpty = false
          start = PCRE.nextCharacter(after: start, in: subject)
          continue
        }
        if !body(match) { return }
        let range = match.range
        afterEmpty = range.isEmpty
        start = max(range.upperBound, start)
      }
    }

    /// Every match in `subject`, as `forEachMatch` finds them.
    public func matches(in subject: [UInt8]) throws(MatchError) -> [Match] {
      var found: [Match] = []
      let result = subject.withUnsafeBufferPointer { buffer in
        Result { () throws(MatchError) in
          try forEachMatch(in: buffer) {
            found.append($0)
            return true
          }
        }
      }
      try result.get()
      return found
    }

    /// One search; `valid` says `subject` is valid UTF-8, which picks the code and spares
    /// PCRE2 its own check.
    private func search(
      _ subject: UnsafeBufferPointer<UInt8>, from start: Int, flags: UInt32, valid: Bool
    ) throws(MatchError) -> Match? {
      let code: Code
      if !valid {
        code = try later.tolerant()
      } else if subject.count - start >= PCRE.jitFrom, let compiled = later.jitted() {
        code = compiled
      } else {
        code = self.code
      }
      let flags = valid ? flags | PCRE2_NO_UTF_CHECK : flags
      guard let data = pcre2_match_data_create_from_pattern_8(code.pointer, nil) else {
        throw .failed("out of memory")
      }
      defer { pcre2_match_data_free_8(data) }
      // Never a search without the limits.
      guard let context = PCRE.limits.pointer else { throw .failed("no match context") }
      let base = subject.baseAddress ?? PCRE.empty
      var status = pcre2_match_8(
        code.pointer, base, subject.count, start, flags, data, context)
      if status == PCRE2_ERROR_JIT_STACKLIMIT {
        // The JIT's stack is small; the interpreter has the depth limit instead.
        status = pcre2_match_8(
          code.pointer, base, subject.count, start, flags | PCRE2_NO_JIT, data, context)
      }
      switch status {
      case PCRE2_ERROR_NOMATCH:
        return nil
      case PCRE2_ERROR_MATCHLIMIT:
        throw .limit("match limit (\(PCRE.matchLimit) steps)")
      case PCRE2_ERROR_DEPTHLIMIT:
        throw .limit("depth limit (\(PCRE.depthLimit))")
      case PCRE2_ERROR_HEAPLIMIT:
        throw .limit("heap limit")
      case PCRE2_ERROR_JIT_STACKLIMIT:
        throw .limit("JIT stack limit")
      case ..<0:
        throw .failed(PCRE.message(status))
      default:
        break
      }
      guard let vector = pcre2_get_ovector_pointer_8(data) else { return nil }
      var groups: [Range<Int>?] = []
      groups.reserveCapacity(captureCount + 1)
      for index in 0...captureCount {
        let low = vector[2 * index]
        let high = vector[2 * index + 1]
        // Unset groups hold PCRE2_UNSET, the largest size_t: -1 as Swift's Int.
        if low < 0 || high < 0 {
          groups.append(nil)
        } else {
          groups.append(low..<max(low, high))
        }
      }
      return Match(groups: groups)
    }
  }

  /// Subjects of at least this many bytes are searched by JIT-compiled code: below it the
  /// interpreter finishes sooner than the JIT compiles (tens of microseconds a pattern).
  static let jitFrom = 2048

  /// One byte to point at when a buffer is empty: PCRE2 wants a pointer even for no text.
  nonisolated(unsafe) fileprivate static let empty: UnsafePointer<UInt8> = {
    let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    byte.initialize(to: 0)
    return UnsafePointer(byte)
  }()

  /// The match context every search uses: only its limits are set, and it is never changed
  /// again, which makes it safe to share between threads.
  fileprivate static let limits = MatchContext()

  fileprivate static func message(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = buffer.withUnsafeMutableBufferPointer {
      pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
    }
    guard length > 0 else { return "PCRE2 error \(code)" }
    return String(decoding: buffer[..<Int(length)], as: UTF8.self)
  }

  /// Whether `bytes` are valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      let smallest: UInt32
      switch lead {
      case 0xC0...0xDF: (length, smallest) = (2, 0x80)
      case 0xE0...0xEF: (length, smallest) = (3, 0x800)
      case 0xF0...0xF7: (length, smallest) = (4, 0x10000)
      default: return false
      }
      guard index + length <= count else { return false }
      var value = UInt32(lead) & (0x7F >> UInt32(length))
      for offset in 1..<length {
        let next = bytes[index + offset]
        guard next & 0xC0 == 0x80 else { return false }
        value = value << 6 | UInt32(next & 0x3F)
      }
      guard value >= smallest, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
        return false
      }
      index += length
    }
    return true
  }

  /// The offset of the character after the one at `offset` (UTF-8 continuation bytes skipped).
  fileprivate static func nextCharacter(after offset: Int, in subject: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    var next = offset + 1
    while next < subject.count && subject[next] & 0xC0 == 0x80 { next += 1 }
    return next
  }
}

/// A compiled pattern's C object, freed with it.
private final class Code: @unchecked Sendable {
  let pointer: OpaquePointer

  init(_ pointer: OpaquePointer) {
    self.pointer = pointer
  }

  static func compile(_ pattern: String, _ flags: UInt32) -> Result<Code, PCRE.CompileError> {
    var errorCode: Int32 = 0
    var errorOffset = 0
    let bytes = Array(pattern.utf8)
    let made = bytes.withUnsafeBufferPointer { buffer in
      pcre2_compile_8(
        buffer.baseAddress ?? PCRE.empty, buffer.count, flags, &errorCode, &errorOffset, nil)
    }
    guard let made else {
      return .failure(PCRE.CompileError(message: PCRE.message(errorCode), offset: errorOffset))
    }
    return .success(Code(made))
  }

  deinit {
    pcre2_code_free_8(pointer)
  }

  func captureCount() -> Int {
    var count: UInt32 = 0
    pcre2_pattern_info_8(pointer, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
    return Int(count)
  }

  /// The name table: each entry is the group number in two big-endian bytes, then the name.
  func names() -> [(name: String, number: Int)] {
    var count: UInt32 = 0
    var size: UInt32 = 0
    var table: UnsafePointer<UInt8>? = nil
    pcre2_pattern_info_8(pointer, UInt32(PCRE2_INFO_NAMECOUNT), &count)
    pcre2_pattern_info_8(pointer, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &size)
    pcre2_pattern_info_8(pointer, UInt32(PCRE2_INFO_NAMETABLE), &table)
    guard count > 0, let table else { return [] }
    var names: [(name: String, number: Int)] = []
    for index in 0..<Int(count) {
      let entry = table + index * Int(size)
      let number = Int(entry[0]) << 8 | Int(entry[1])
      var length = 0
      while length < Int(size) - 2 && entry[2 + length] != 0 { length += 1 }
      let name = String(
        decoding: UnsafeBufferPointer(start: entry + 2, count: length), as: UTF8.self)
      names.append((name, number))
    }
    return names
  }
}

/// A regex's codes that are compiled only when a search needs them, once, from any thread.
///
/// Each is compiled whole before it is published, so no search ever sees one half made.
private final class LaterCodes: @unchecked Sendable {
  private let pattern: String
  private let flags: UInt32
  private let lock = NSLock()
  /// nil until first asked for; then the JIT-compiled code, or nil inside when the JIT
  /// refused the pattern (the interpreter serves it).
  private var jit: Code??
  private var invalid: Result<Code, PCRE.CompileError>?

  init(pattern: String, flags: UInt32) {
    self.pattern = pattern
    self.flags = flags
  }

  /// The pattern compiled again and for the JIT; nil when the JIT cannot take it.
  func jitted() -> Code? {
    lock.lock()
    defer { lock.unlock() }
    if let known = jit { return known }
    var made: Code? = nil
    if case .success(let code) = Code.compile(pattern, flags),
      pcre2_jit_compile_8(code.pointer, PCRE2_JIT_COMPLETE) == 0
    {
      made = code
    }
    jit = .some(made)
    return made
  }

  /// The code for text that is not valid UTF-8 (a Latin-1 file, say).
  ///
  /// Its invalid bytes never match, where semgrep fails the search. Interpreted only: PCRE2
  /// 10.42's JIT mis-matches `\W`, `\D` and `\S` on non-ASCII text in this mode.
  func tolerant() throws(PCRE.MatchError) -> Code {
    lock.lock()
    defer { lock.unlock() }
    let made = invalid ?? Code.compile(pattern, flags | PCRE2_MATCH_INVALID_UTF)
    invalid = made
    switch made {
    case .success(let code): return code
    case .failure(let error):
      throw .failed("the pattern does not compile for non-UTF-8 text: \(error)")
    }
  }
}

/// The limits searches run under.
private final class MatchContext: @unchecked Sendable {
  let pointer: OpaquePointer?

  init() {
    pointer = pcre2_match_context_create_8(nil)
    if let pointer {
      pcre2_set_match_limit_8(pointer, PCRE.matchLimit)
      pcre2_set_depth_limit_8(pointer, PCRE.depthLimit)
    }
  }
}

/// Values computed once per process and key, for any thread.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private var values: [Key: Value] = [:]
  private let lock = NSLock()

  /// The value for `key`, computed by `make` (outside the lock) the first time it is asked for.
  func value(for key: Key, _ make: () -> Value) -> Value {
    lock.lock()
    let known = values[key]
    lock.unlock()
    if let known { return known }
    let made = make()
    lock.lock()
    defer { lock.unlock() }
    if let raced = values[key] { return raced }
    values[key] = made
    return made
  }
}
