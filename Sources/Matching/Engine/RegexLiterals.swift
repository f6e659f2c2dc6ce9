import Foundation

/// The text a regular expression's every match must contain, so a rule of `pattern-regex`
/// skips files without it, as the words of a tree pattern do.
///
/// Conservative by construction: anything it does not understand (case-insensitive flags,
/// back-references, unusual escapes) makes the requirement `.always`.
enum RegexLiterals {
  /// What `pattern` (PCRE2 syntax) requires of a file.
  static func requirement(_ pattern: String) -> Prefilter {
    let characters = Array(pattern)
    // Inline flags that fold case anywhere (literals would have to be matched without case),
    // or that ignore whitespace (`(?x)`: a written space is no literal).
    if foldsCaseOrSpace(pattern) { return .always }
    var parser = Parser(characters: characters)
    guard let requirement = parser.alternatives(), parser.index == characters.count else {
      return .always
    }
    return requirement
  }

  /// Whether `pattern` holds `(?` and a run of flag letters (or `-`) with an `i` or an `x`,
  /// as the regex `\(\?[a-zA-Z\-]*[ix]` finds.
  static func foldsCaseOrSpace(_ pattern: String) -> Bool {
    let bytes = Array(pattern.utf8)
    var index = 0
    while index + 1 < bytes.count {
      defer { index += 1 }
      guard bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?") else {
        continue
      }
      var flag = index + 2
      while flag < bytes.count {
        let byte = bytes[flag]
        if byte == UInt8(ascii: "i") || byte == UInt8(ascii: "x") { return true }
        let letter =
          (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
          || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "-")
        guard letter else { break }
        flag += 1
      }
    }
    return false
  }

  private struct Parser {
    let characters: [Character]
    var index = 0

    /// `a|b|…` up to a closing `)` or the end: any branch's requirement.
    mutating func alternatives() -> Prefilter? {
      var branches: [Prefilter] = []
      while true {
        guard let branch = sequence() else { return nil }
        branches.append(branch)
        guard index < characters.count, characters[index] == "|" else { break }
        index += 1
      }
      if branches.contains(where: { if case .always = $0 { return true } else { return false } }) {
        return .always
      }
      return branches.count == 1 ? branches[0] : .any(branches)
    }

    /// One branch: its literal runs and required groups, all needed.
    mutating func sequence() -> Prefilter? {
      var parts: [Prefilter] = []
      var run = ""
      func flush() {
        if run.utf8.count >= 2 { parts.append(.substrings([Array(run.utf8)])) }
        run = ""
      }
      while index < characters.count {
        let c = characters[index]
        if c == "|" || c == ")" { break }
        var literal: Character? = nil
        var group: Prefilter? = nil
        switch c {
        case "\\":
          guard index + 1 < characters.count else { return nil }
          let next = characters[index + 1]
          index += 2
          if next.isLetter || next.isNumber {
            // Classes (\d \w \s), anchors (\b \A \z), escapes with arguments: not literal text.
            if "pPkxuNcgQE".contains(next) || next.isNumber { return nil }
          } else {
            literal = next
          }
        case "[":
          guard skipClass() else { return nil }
        case "(":
          index += 1
          guard let inner = groupBody() else { return nil }
          if case .always = inner {} else { group = inner }
        case ".", "^", "$":
          index += 1
        default:
          index += 1
          literal = c
        }
        // A quantifier: optional atoms require nothing; repeated ones end the run after them.
        var optional = false
        var repeated = false
        if index < characters.count {
          switch characters[index] {
          case "?", "*":
            optional = true
            index += 1
          case "+":
            repeated = true
            index += 1
          case "{":
            guard let minimum = braces() else { return nil }
            optional = minimum == 0
            repeated = true
          default: break
          }
          if optional || repeated, index < characters.count,
            characters[index] == "?" || characters[index] == "+"
          {
            index += 1
          }
        }
        if optional {
          flush()
          continue
        }
        if let literal {
          run.append(literal)
          if repeated { flush() }
        } else {
          flush()
          if let group { parts.append(group) }
        }
      }
      flush()
      if parts.isEmpty { return .always }
      return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// After `(`: the group's requirement, `.always` for a lookaround or flag group; nil when
    /// the syntax is not understood.
    mutating func groupBody() -> Prefilter? {
      var lookaround = false
      // `(*VERB)` and `(*UTF)`-style options: not understood.
      if index < characters.count, characters[index] == "*" { return nil }
      if index < characters.count, characters[index] == "?" {
        index += 1
        guard index < characters.count else { return nil }
        switch characters[index] {
        case ":":
          index += 1
        case "=", "!":
          index += 1
          lookaround = true
        case "<":
          index += 1
          if index < characters.count, characters[index] == "=" || characters[index] == "!" {
            index += 1
            lookaround = true
          } else {
            while index < characters.count, characters[index] != ">" { index += 1 }
            index += 1
          }
        case "P":
          index += 1
          guard index < characters.count, characters[index] == "<" else { return nil }
          while index < characters.count, characters[index] != ">" { index += 1 }
          index += 1
        default:
          // Inline flags (`(?m)`, `(?s:…)`): flags without case folding change no literal.
          while index < characters.count, characters[index].isLetter || characters[index] == "-" {
            index += 1
          }
          guard index < characters.count else { return nil }
          if characters[index] == ")" {
            index += 1
            return .always
          }
          guard characters[index] == ":" else { return nil }
          index += 1
        }
      }
      guard let inner = alternatives(), index < characters.count, characters[index] == ")" else {
        return nil
      }
      index += 1
      return lookaround ? .always : inner
    }

    /// Skips a character class; false when it does not close.
    mutating func skipClass() -> Bool {
      index += 1
      if index < characters.count, characters[index] == "^" { index += 1 }
      if index < characters.count, characters[index] == "]" { index += 1 }
      var depth = 1
      while index < characters.count {
        let c = characters[index]
        if c == "\\" {
          index += 2
          continue
        }
        if c == "[" { depth += 1 }
        if c == "]" {
          depth -= 1
          if depth == 0 {
            index += 1
            return true
          }
        }
        index += 1
      }
      return false
    }

    /// `{n}`, `{n,}`, `{n,m}`: the minimum; nil when it is not a quantifier.
    mutating func braces() -> Int? {
      var cursor = index + 1
      var digits = ""
      while cursor < characters.count, characters[cursor].isNumber {
        digits.append(characters[cursor])
        cursor += 1
      }
      guard let minimum = Int(digits) else { return nil }
      while cursor < characters.count, characters[cursor] != "}" {
        guard characters[cursor].isNumber || characters[cursor] == "," else { return nil }
        cursor += 1
      }
      guard cursor < characters.count else { return nil }
      index = cursor + 1
      return minimum
    }
  }
}
