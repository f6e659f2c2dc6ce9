import Foundation
import Rules

/// A value of semgrep's `metavariable-comparison` language.
enum ComparisonValue: Hashable, Sendable {
  case integer(Int)
  case float(Double)
  case string(String)
  case boolean(Bool)
  case list([ComparisonValue])
  /// Code that is no literal, known by its text.
  case code(String)
  case none

  /// The value of a binding's text: a number or string literal by value, other code by text.
  static func of(_ text: String) -> ComparisonValue {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let number = integer(trimmed) { return .integer(number) }
    if let number = Double(trimmed.replacingOccurrences(of: "_", with: "")),
      trimmed.first?.isNumber == true || trimmed.first == "."
    {
      return .float(number)
    }
    if let content = stringContent(trimmed) { return .string(content) }
    switch trimmed {
    case "True": return .boolean(true)
    case "False": return .boolean(false)
    case "None": return .none
    default: return .code(trimmed)
    }
  }

  /// Python's integer literal forms (`1_000`, `0x1F`, `0o7`, `0b1`).
  static func integer(_ text: String) -> Int? {
    let digits = text.replacingOccurrences(of: "_", with: "")
    let lower = digits.lowercased()
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
      return Int(lower.dropFirst(2), radix: radix)
    }
    guard let first = digits.first, first.isNumber || first == "-" else { return nil }
    return Int(digits)
  }

  /// The content of a quoted Python string literal without prefixes other than `r`/`b`/`u`.
  static func stringContent(_ text: String) -> String? {
    var body = Substring(text)
    while let first = body.first, "rRbBuU".contains(first) { body = body.dropFirst() }
    for quote in ["\"\"\"", "'''", "\"", "'"] {
      if body.count >= 2 * quote.count, body.hasPrefix(quote), body.hasSuffix(quote) {
        return String(body.dropFirst(quote.count).dropLast(quote.count))
      }
    }
    return nil
  }

  /// The text with one pair of surrounding quotes removed (`strip: true`).
  static func stripQuotes(_ text: String) -> String {
    for quote in ["\"", "'", "`"]
    where text.count >= 2 && text.hasPrefix(quote)
      && text.hasSuffix(quote)
    {
      return String(text.dropFirst().dropLast())
    }
    return text
  }

  var truthy: Bool {
    switch self {
    case .integer(let value): return value != 0
    case .float(let value): return value != 0
    case .string(let value): return !value.isEmpty
    case .boolean(let value): return value
    case .list(let values): return !values.isEmpty
    case .code: return true
    case .none: return false
    }
  }
}

/// Why an expression has no value (a type mismatch, an unbound metavariable): the condition
/// is then false, as in semgrep.
struct ComparisonFailure: Error {
  /// A `re.match` search that hit PCRE2's limits: not false but unknown, so the rule stops.
  var regex: (pattern: String, error: PCRE.MatchError)? = nil
}

/// A parsed `metavariable-comparison` expression: Python's comparisons, `and`/`or`/`not`,
/// arithmetic, `int()`, `str()`, `re.match()`, `in`, literals and metavariables.
indirect enum ComparisonExpression: Sendable {
  case literal(ComparisonValue)
  case metavariable(String)
  case list([ComparisonExpression])
  case unary(String, ComparisonExpression)
  case binary(String, ComparisonExpression, ComparisonExpression)
  /// `a < b <= c`, Python's chained comparison.
  case comparison([ComparisonExpression], [String])
  case call(String, [ComparisonExpression])

  static func parse(_ text: String) throws(MatchingError) -> ComparisonExpression {
    var parser = ComparisonParser(text: text)
    return try parser.parseAll()
  }

  /// Whether the expression is true for `values`; any failure is false, except a regex that
  /// hit PCRE2's limits, which stops the rule through `budget`.
  func holds(with values: [String: ComparisonValue], budget: Budget) -> Bool {
    do {
      return try evaluate(values).truthy
    } catch {
      if let (pattern, failure) = error.regex { budget.regexFailed(pattern, failure) }
      return false
    }
  }

  func evaluate(_ values: [String: ComparisonValue]) throws(ComparisonFailure) -> ComparisonValue {
    switch self {
    case .literal(let value):
      return value
    case .metavariable(let name):
      guard let value = values[name] else { throw ComparisonFailure() }
      return value
    case .list(let items):
      var result: [ComparisonValue] = []
      for item in items { result.append(try item.evaluate(values)) }
      return .list(result)
    case .unary(let op, let operand):
      let value = try operand.evaluate(values)
      switch (op, value) {
      case ("not", _): return .boolean(!value.truthy)
      case ("-", .integer(let number)): return .integer(-number)
      case ("-", .float(let number)): return .float(-number)
      case ("+", .integer), ("+", .float): return value
      default: throw ComparisonFailure()
      }
    case .binary("and", let lhs, let rhs):
      let left = try lhs.evaluate(values)
      return left.truthy ? try rhs.evaluate(values) : left
    case .binary("or", let lhs, let rhs):
      let left = try lhs.evaluate(values)
      return left.truthy ? left : try rhs.evaluate(values)
    case .binary(let op, let lhs, let rhs):
      return try ComparisonExpression.arithmetic(
        op, try lhs.evaluate(values), try rhs.evaluate(values))
    case .comparison(let operands, let ops):
      var left = try operands[0].evaluate(values)
      for (op, operand) in zip(ops, operands.dropFirst()) {
        let right = try operand.evaluate(values)
        guard try ComparisonExpression.compare(op, left, right) else { return .boolean(false) }
        left = right
      }
      return .boolean(true)
    case .call(let function, let arguments):
      var evaluated: [ComparisonValue] = []
      for argument in arguments { evaluated.append(try argument.evaluate(values)) }
      return try ComparisonExpression.call(function, evaluated)
    }
  }

  private static func number(_ value: ComparisonValue) -> Double? {
    switch value {
    case .integer(let number): return Double(number)
    case .float(let number): return number
    case .boolean(let flag): return flag ? 1 : 0
    default: return nil
    }
  }

  private static func arithmetic(_ op: String, _ lhs: ComparisonValue, _ rhs: ComparisonValue)
    throws(ComparisonFailure) -> ComparisonValue
  {
    switch (lhs, rhs) {
    case (.integer(let a), .integer(let b)):
      switch op {
      case "+": return .integer(a &+ b)
      case "-": return .integer(a &- b)
      case "*": return .integer(a &* b)
      case "/" where b != 0: return .float(Double(a) / Double(b))
      case "//" where b != 0:
        let quotient = a / b
        return .integer((a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient)
      case "%" where b != 0:
        let remainder = a % b
        return .integer(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
      default: throw ComparisonFailure()
      }
    case (.string(let a), .string(let b)) where op == "+":
      return .string(a + b)
    default:
      guard let a = number(lhs), let b = number(rhs) else { throw ComparisonFailure() }
      switch op {
      case "+": return .float(a + b)
      case "-": return .float(a - b)
      case "*": return .float(a * b)
      case "/" where b != 0: return .float(a / b)
      default: throw ComparisonFailure()
      }
    }
  }

  private static func compare(_ op: String, _ lhs: ComparisonValue, _ rhs: ComparisonValue)
    throws(ComparisonFailure) -> Bool
  {
    switch op {
    case "==": return equal(lhs, rhs)
    case "!=": return !equal(lhs, rhs)
    case "in", "not in":
      let found: Bool
      switch (lhs, rhs) {
      case (_, .list(let items)): found = items.contains { equal(lhs, $0) }
      case (.string(let needle), .string(let haystack)): found = haystack.contains(needle)
      default: throw ComparisonFailure()
      }
      return op == "in" ? found : !found
    default:
      let order: Int
      if let a = number(lhs), let b = number(rhs) {
        order = a < b ? -1 : (a > b ? 1 : 0)
      } else if case .string(let a) = lhs, case .string(let b) = rhs {
        order = a < b ? -1 : (a > b ? 1 : 0)
      } else {
        throw ComparisonFailure()
      }
      switch op {
      case "<": return order < 0
      case "<=": return order <= 0
      case ">": return order > 0
      case ">=": return order >= 0
      default: throw ComparisonFailure()
      }
    }
  }

  private static func equal(_ lhs: ComparisonValue, _ rhs: ComparisonValue) -> Bool {
    if let a = number(lhs), let b = number(rhs) { return a == b }
    return lhs == rhs
  }

  private static func call(_ function: String, _ arguments: [ComparisonValue])
    throws(ComparisonFailure) -> ComparisonValue
  {
    let value = arguments.first ?? .none
    switch (function, arguments.count) {
    case ("int", 1):
      switch value {
      case .integer: return value
      case .float(let number): return .integer(Int(number))
      case .boolean(let flag): return .integer(flag ? 1 : 0)
      case .string(let text), .code(let text):
        guard let number = ComparisonValue.integer(text.trimmingCharacters(in: .whitespaces))
        else { throw ComparisonFailure() }
        return .integer(number)
      default: throw ComparisonFailure()
      }
    case ("str", 1):
      switch value {
      case .integer(let number): return .string(String(number))
      case .float(let number): return .string(String(number))
      case .string(let text), .code(let text): return .string(text)
      case .boolean(let flag): return .string(flag ? "True" : "False")
      case .none: return .string("None")
      case .list: throw ComparisonFailure()
      }
    case ("re.match", 2):
      guard case .string(let pattern) = value else { throw ComparisonFailure() }
      let text: String
      switch arguments[1] {
      case .string(let value), .code(let value): text = value
      default: throw ComparisonFailure()
      }
      guard let regex = try? ByteRegex(pcre: pattern) else { throw ComparisonFailure() }
      do {
        return .boolean(try regex.regex.firstMatch(in: text, anchored: true) != nil)
      } catch {
        throw ComparisonFailure(regex: (pattern, error))
      }
    default:
      throw ComparisonFailure()
    }
  }
}

/// A recursive-descent parser for comparison expressions.
struct ComparisonParser {
  let text: String
  private var tokens: [String] = []
  private var index = 0

  init(text: String) {
    self.text = text
  }

  mutating func parseAll() throws(MatchingError) -> ComparisonExpression {
    tokens = try tokenize()
    let expression = try parseOr()
    if index < tokens.count { throw fail("unexpected '\(tokens[index])'") }
    return expression
  }

  private func fail(_ reason: String) -> MatchingError {
    .invalidComparison(expression: text, reason: reason)
  }

  private func tokenize() throws(MatchingError) -> [String] {
    var result: [String] = []
    let characters = Array(text)
    var position = 0
    while position < characters.count {
      let c = characters[position]
      if c.isWhitespace {
        position += 1
        continue
      }
      let start = position
      if c == "\"" || c == "'" {
        position += 1
        while position < characters.count && characters[position] != c {
          if characters[position] == "\\" { position += 1 }
          position += 1
        }
        guard position < characters.count else { throw fail("unterminated string") }
        position += 1
      } else if c == "$" || c.isLetter || c == "_" || c.isNumber {
        position += 1
        while position < characters.count,
          characters[position].isLetter || characters[position].isNumber
            || characters[position] == "_"
            || (characters[position] == "." && !c.isNumber && position + 1 < characters.count
              && characters[position + 1].isLetter)
            || (c.isNumber && characters[position] == ".")
        {
          position += 1
        }
      } else {
        let two = position + 1 < characters.count ? String(characters[position...position + 1]) : ""
        position += ["==", "!=", "<=", ">=", "//", "**"].contains(two) ? 2 : 1
      }
      result.append(String(characters[start..<position]))
    }
    return result
  }

  private var peek: String? { index < tokens.count ? tokens[index] : nil }

  private mutating func take(_ token: String) -> Bool {
    guard peek == token else { return false }
    index += 1
    return true
  }

  private mutating func expect(_ token: String) throws(MatchingError) {
    guard take(token) else { throw fail("expected '\(token)'") }
  }

  private mutating func parseOr() throws(MatchingError) -> ComparisonExpression {
    var left = try parseAnd()
    while take("or") { left = .binary("or", left, try parseAnd()) }
    return left
  }

  private mutating func parseAnd() throws(MatchingError) -> ComparisonExpression {
    var left = try parseNot()
    while take("and") { left = .binary("and", left, try parseNot()) }
    return left
  }

  private mutating func parseNot() throws(MatchingError) -> ComparisonExpression {
    if take("not") { return .unary("not", try parseNot()) }
    return try parseComparison()
  }

  private mutating func parseComparison() throws(MatchingError) -> ComparisonExpression {
    var operands = [try parseSum()]
    var ops: [String] = []
    while let token = peek {
      if ["==", "!=", "<", "<=", ">", ">=", "in"].contains(token) {
        index += 1
        ops.append(token)
      } else if token == "not", index + 1 < tokens.count, tokens[index + 1] == "in" {
        index += 2
        ops.append("not in")
      } else {
        break
      }
      operands.append(try parseSum())
    }
    return ops.isEmpty ? operands[0] : .comparison(operands, ops)
  }

  private mutating func parseSum() throws(MatchingError) -> ComparisonExpression {
    var left = try parseProduct()
    while let op = peek, op == "+" || op == "-" {
      index += 1
      left = .binary(op, left, try parseProduct())
    }
    return left
  }

  private mutating func parseProduct() throws(MatchingError) -> ComparisonExpression {
    var left = try parseUnary()
    while let op = peek, ["*", "/", "//", "%"].contains(op) {
      index += 1
      left = .binary(op, left, try parseUnary())
    }
    return left
  }

  private mutating func parseUnary() throws(MatchingError) -> ComparisonExpression {
    if let op = peek, op == "-" || op == "+" {
      index += 1
      return .unary(op, try parseUnary())
    }
    return try parsePrimary()
  }

  private mutating func parsePrimary() throws(MatchingError) -> ComparisonExpression {
    guard let token = peek else { throw fail("the expression ends too soon") }
    index += 1
    if token == "(" {
      let inner = try parseOr()
      try expect(")")
      return inner
    }
    if token == "[" {
      var items: [ComparisonExpression] = []
      while !take("]") {
        items.append(try parseOr())
        if !take(",") {
          try expect("]")
          break
        }
      }
      return .list(items)
    }
    if token.hasPrefix("$") { return .metavariable(token) }
    if let first = token.first, first == "\"" || first == "'" {
      return .literal(.string(String(token.dropFirst().dropLast())))
    }
    if let first = token.first, first.isNumber {
      let value = ComparisonValue.of(token)
      if case .code = value { throw fail("'\(token)' is not a number") }
      return .literal(value)
    }
    switch token {
    case "True": return .literal(.boolean(true))
    case "False": return .literal(.boolean(false))
    case "None": return .literal(.none)
    case "int", "str", "re.match":
      try expect("(")
      var arguments: [ComparisonExpression] = []
      while !take(")") {
        arguments.append(try parseOr())
        if !take(",") {
          try expect(")")
          break
        }
      }
      return .call(token, arguments)
    default:
      throw fail("unknown name '\(token)'")
    }
  }
}
