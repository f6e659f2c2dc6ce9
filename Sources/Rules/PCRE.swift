import Foundation

/// Bridges semgrep's PCRE regular expressions to ICU, which aigate checks and runs them with.
///
/// `NSRegularExpression` is ICU; this translates the spellings that differ and reports the PCRE
/// features ICU lacks, so a rule using them is delegated instead of matched differently.
public enum PCRE {
  /// A pattern rewritten for ICU, with the names its named groups got there.
  public struct Translation: Sendable, Hashable {
    /// The pattern in ICU syntax.
    public let pattern: String
    /// Each PCRE group name (`(?P<name>…)`, which binds `$name`) to its ICU name; ICU allows only
    /// ASCII letters and digits, so other names are renamed.
    public let groupNames: [String: String]
  }

  /// What checking a PCRE pattern found.
  public enum Check: Sendable, Hashable {
    case valid(Translation)
    /// ICU rejects it; the reason names the problem.
    case invalid(reason: String)
    /// Valid PCRE perhaps, but using a feature ICU does not have: only semgrep can run it.
    case pcreOnly(feature: String)
  }

  /// Translates and compiles `pcre`.
  public static func check(_ pcre: String) -> Check {
    switch expression(pcre) {
    case .success(let compiled): return .valid(compiled.translation)
    case .failure(.unsupported(let unsupported)): return .pcreOnly(feature: unsupported.feature)
    case .failure(.rejected(let pattern)): return .invalid(reason: reason(for: pattern))
    }
  }

  /// Why a pattern has no ICU expression.
  public enum Failure: Error, Sendable, Hashable {
    /// It uses a PCRE feature ICU lacks.
    case unsupported(Unsupported)
    /// ICU rejects its translation, `pattern`.
    case rejected(pattern: String)
  }

  /// An ICU expression with the translation it was compiled from.
  public struct Compiled: @unchecked Sendable {
    /// Matches with `^` and `$` at line ends too, as semgrep's multiline mode does; immutable,
    /// so shared between threads.
    public let expression: NSRegularExpression
    public let translation: Translation
  }

  /// The ICU expression for `pcre`, compiled once per process: rule loading checks it and the
  /// matcher runs the same object, and rules repeating a regex share it.
  public static func expression(_ pcre: String) -> Result<Compiled, Failure> {
    let translation: Translation
    switch translate(pcre) {
    case .success(let value): translation = value
    case .failure(let unsupported): return .failure(.unsupported(unsupported))
    }
    return expressions.value(for: translation.pattern) {
      do {
        let expression = try NSRegularExpression(
          pattern: translation.pattern, options: [.anchorsMatchLines])
        return .success(Compiled(expression: expression, translation: translation))
      } catch {
        return .failure(.rejected(pattern: translation.pattern))
      }
    }
  }

  /// ICU expressions by translated pattern.
  private static let expressions = Memo<String, Result<Compiled, Failure>>()
  /// Translations by PCRE pattern: loading, classification and matching each ask.
  private static let translations = Memo<String, Result<Translation, Unsupported>>()

  /// A PCRE feature with no ICU equivalent.
  public struct Unsupported: Error, Sendable, Hashable {
    public let feature: String
  }

  /// Rewrites PCRE-only spellings (`(?P<n>…)`, `(?P=n)`, `(?'n'…)`, `\g{n}`) for ICU.
  public static func translate(_ pcre: String) -> Result<Translation, Unsupported> {
    translations.value(for: pcre) { translateAnew(pcre) }
  }

  private static func translateAnew(_ pcre: String) -> Result<Translation, Unsupported> {
    var scanner = Translator(source: Array(pcre.unicodeScalars))
    do {
      try scanner.run()
    } catch {
      return .failure(error)
    }
    return .success(
      Translation(
        pattern: String(String.UnicodeScalarView(scanner.output)), groupNames: scanner.names))
  }

  /// The names of a pattern's named groups, which bind metavariables `$name`.
  public static func groupNames(in pcre: String) -> [String] {
    guard case .success(let translation) = translate(pcre) else { return [] }
    return Array(translation.groupNames.keys)
  }

  /// Why a pattern ICU rejected is wrong: `NSRegularExpression` gives no reason, so ask Swift's
  /// own regex parser, whose syntax is close enough to name the problem.
  private static func reason(for pattern: String) -> String {
    do {
      _ = try Regex(pattern)
    } catch {
      return "\(error)"
    }
    return "ICU's regex engine rejects it"
  }
}

/// Values computed once per process and key, for any thread.
private final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
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

/// A single pass over a pattern that copies it while rewriting group syntax; escapes and
/// character classes are copied as they are.
private struct Translator {
  let source: [Unicode.Scalar]
  var index = 0
  var output: [Unicode.Scalar] = []
  var names: [String: String] = [:]

  init(source: [Unicode.Scalar]) {
    self.source = source
  }

  mutating func run() throws(PCRE.Unsupported) {
    while index < source.count {
      let scalar = source[index]
      switch scalar {
      case "\\": try escape()
      case "[": characterClass()
      case "(": try group()
      default:
        output.append(scalar)
        index += 1
      }
    }
  }

  private func peek(_ offset: Int) -> Unicode.Scalar? {
    index + offset < source.count ? source[index + offset] : nil
  }

  private func starts(with text: String) -> Bool {
    var cursor = index
    for scalar in text.unicodeScalars {
      guard cursor < source.count, source[cursor] == scalar else { return false }
      cursor += 1
    }
    return true
  }

  private mutating func emit(_ text: String) {
    output.append(contentsOf: text.unicodeScalars)
  }

  /// Reads the name from `start` up to `terminator`, moving the index after
  /// it; nil, with the index untouched, when the terminator never comes.
  private mutating func name(from start: Int, until terminator: Unicode.Scalar) -> String? {
    guard let end = source[start...].firstIndex(of: terminator) else { return nil }
    index = end + 1
    return String(String.UnicodeScalarView(source[start..<end]))
  }

  private mutating func icuName(_ name: String) -> String {
    if let known = names[name] { return known }
    let valid =
      name.unicodeScalars.first?.isASCIILetter == true
      && name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) }
    let chosen = valid ? name : "aigateGroup\(names.count + 1)"
    names[name] = chosen
    return chosen
  }

  private mutating func escape() throws(PCRE.Unsupported) {
    guard let next = peek(1) else {
      output.append("\\")
      index += 1
      return
    }
    switch next {
    case "K": throw PCRE.Unsupported(feature: "\\K (reset match start)")
    case "Q":
      // Copy a quoted run as it is, through \E.
      while index < source.count, !starts(with: "\\E") {
        output.append(source[index])
        index += 1
      }
    case "g", "k":
      let open = peek(2)
      if open == "{" || open == "<" || open == "'" {
        let close: Unicode.Scalar = open == "{" ? "}" : open == "<" ? ">" : "'"
        guard let reference = name(from: index + 3, until: close) else { break }
        if next == "g" && open != "{" {
          throw PCRE.Unsupported(feature: "subroutine call \\g<\(reference)>")
        }
        if let number = Int(reference) {
          emit("\\\(number)")
        } else {
          emit("\\k<\(icuName(reference))>")
        }
        return
      }
      if next == "g", let digit = open, ("0"..."9").contains(digit) || digit == "-" {
        throw PCRE.Unsupported(feature: "relative back-reference \\g\(digit)")
      }
    default:
      break
    }
    output.append(source[index])
    if index + 1 < source.count { output.append(source[index + 1]) }
    index += 2
  }

  private mutating func characterClass() {
    output.append(source[index])
    index += 1
    if peek(0) == "^" {
      output.append("^")
      index += 1
    }
    if peek(0) == "]" {
      output.append("]")
      index += 1
    }
    while index < source.count {
      let scalar = source[index]
      if scalar == "\\", index + 1 < source.count {
        output.append(contentsOf: source[index...(index + 1)])
        index += 2
        continue
      }
      if starts(with: "[:"), let end = posixClassEnd() {
        output.append(contentsOf: source[index..<end])
        index = end
        continue
      }
      output.append(scalar)
      index += 1
      if scalar == "]" { return }
    }
  }

  /// The end of a `[:alpha:]` class name starting at the index, if it is one.
  private func posixClassEnd() -> Int? {
    var cursor = index + 2
    while cursor + 1 < source.count {
      if source[cursor] == ":" && source[cursor + 1] == "]" { return cursor + 2 }
      if !source[cursor].isASCIILetter && source[cursor] != "^" { return nil }
      cursor += 1
    }
    return nil
  }

  private mutating func group() throws(PCRE.Unsupported) {
    if starts(with: "(*") { throw PCRE.Unsupported(feature: "backtracking verb (*…)") }
    guard peek(1) == "?" else {
      output.append("(")
      index += 1
      return
    }
    let prefix = starts(with: "(?P<") ? 4 : 3
    if starts(with: "(?P<") || starts(with: "(?<"), let after = peek(prefix), after != "=",
      after != "!", let original = name(from: index + prefix, until: ">")
    {
      emit("(?<\(icuName(original))>")
      return
    }
    if starts(with: "(?'"), let original = name(from: index + 3, until: "'") {
      emit("(?<\(icuName(original))>")
      return
    }
    if starts(with: "(?P="), let original = name(from: index + 4, until: ")") {
      emit("\\k<\(icuName(original))>")
      return
    }
    if starts(with: "(?P>") || starts(with: "(?&") || starts(with: "(?R)") {
      throw PCRE.Unsupported(feature: "recursion or subroutine call")
    }
    if starts(with: "(?(") { throw PCRE.Unsupported(feature: "conditional group (?(…)") }
    if starts(with: "(?|") { throw PCRE.Unsupported(feature: "branch reset group (?|…)") }
    if let next = peek(2), ("0"..."9").contains(next) || next == "+" || next == "-",
      let after = peek(3), ("0"..."9").contains(after) || after == ")"
    {
      throw PCRE.Unsupported(feature: "recursion or subroutine call")
    }
    output.append(contentsOf: source[index...(index + 1)])
    index += 2
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
