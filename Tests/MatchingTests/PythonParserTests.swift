import Rules
import Testing

@testable import Matching

/// One statement and the tree it must give.
struct ParseCase: CustomTestStringConvertible, Sendable {
  let source: String
  let tree: String
  var testDescription: String { source }
}

let parseCases: [ParseCase] = [
  ParseCase(
    source: "foo(1, *a, k=2, **kw)",
    tree:
      "(expressionStatement (call (identifier foo) (arguments (number 1) (starArgument (identifier a)) (keywordArgument (identifier k) (number 2)) (doubleStarArgument (identifier kw)))))"
  ),
  ParseCase(
    source: "a.b.c(x)[1:2, ::3]",
    tree:
      "(expressionStatement (subscript (call (attribute (attribute (identifier a) (identifier b)) (identifier c)) (arguments (identifier x))) (tuple (slice (number 1) (number 2) _) (slice _ _ (number 3)))))"
  ),
  ParseCase(
    source: "x = 1 + 2 * 3 ** -4",
    tree:
      "(assignment (identifier x) (binaryOperation:add (number 1) (binaryOperation:multiply (number 2) (binaryOperation:power (number 3) (unaryOperation:minus (number 4))))))"
  ),
  ParseCase(
    source: "not a and b or c",
    tree:
      "(expressionStatement (booleanOperation:or (booleanOperation:and (unaryOperation:not (identifier a)) (identifier b)) (identifier c)))"
  ),
  ParseCase(
    source: "a not in b is not c",
    tree:
      "(expressionStatement (comparison:isNot (comparison:notIn (identifier a) (identifier b)) (identifier c)))"
  ),
  ParseCase(
    source: "f = lambda x, *y, z=1: x if y else z",
    tree:
      "(assignment (identifier f) (lambda (parameters (parameter (identifier x) _ _) (parameter (identifier y) _ _) (parameter (identifier z) _ (number 1))) (conditional (identifier x) (identifier y) (identifier z))))"
  ),
  ParseCase(
    source: "[x for x in y if x]",
    tree:
      "(expressionStatement (comprehension (identifier x) (comprehensionClause (identifier x) (identifier y) (identifier x))))"
  ),
  ParseCase(
    source: "{k: v for k, v in d}",
    tree:
      "(expressionStatement (comprehension (pair (identifier k) (identifier v)) (comprehensionClause (tuple (identifier k) (identifier v)) (identifier d))))"
  ),
  ParseCase(
    source: "s = {1, 2}; d = {'a': 1, **e}",
    tree: "(assignment (identifier s) (set (number 1) (number 2)))"),
  ParseCase(source: "t = (yield x)", tree: "(assignment (identifier t) (yield (identifier x)))"),
  ParseCase(
    source: "if (n := len(a)) > 10: pass",
    tree:
      "(ifStatement (comparison:greater (namedExpression (identifier n) (call (identifier len) (arguments (identifier a)))) (number 10)) (block (passStatement)) _)"
  ),
  ParseCase(
    source: "a, *b = c",
    tree: "(assignment (tuple (identifier a) (starred (identifier b))) (identifier c))"),
  ParseCase(
    source: "x += await y", tree: "(augmentedAssignment:add (identifier x) (await (identifier y)))"),
  ParseCase(
    source: "x: int = 3", tree: "(annotatedAssignment (identifier x) (identifier int) (number 3))"),
  ParseCase(
    source: "f'a{b!r:>{width}} {c=}'",
    tree:
      "(expressionStatement (formattedString a{b!r:>{width}} {c=} (identifier b) (identifier width) (identifier c)))"
  ),
  ParseCase(
    source: "rb'\\d' \"\"\"doc\"\"\"",
    tree: "(expressionStatement (concatenatedString (string \\d) (string doc)))"),
  ParseCase(
    source: "import a.b as c, d",
    tree:
      "(importStatement (importAlias (dottedName (identifier a) (identifier b)) (identifier c)) (importAlias (dottedName (identifier d)) _))"
  ),
  ParseCase(
    source: "from ..m import (x as y, z,)",
    tree:
      "(importFrom (dottedName (identifier m)) (importAlias (dottedName (identifier x)) (identifier y)) (importAlias (dottedName (identifier z)) _))"
  ),
  ParseCase(
    source: "@d(1)\nasync def f(a: int, /, *, b=2, **k) -> str:\n  return a\n",
    tree:
      "(functionDefinition (decorators (call (identifier d) (arguments (number 1)))) (identifier f) (parameters (parameter (identifier a) (identifier int) _) (parameter _ _ _) (parameter _ _ _) (parameter (identifier b) _ (number 2)) (parameter (identifier k) _ _)) (identifier str) (block (returnStatement (identifier a))))"
  ),
  ParseCase(
    source: "class C(B, metaclass=M):\n  x = 1\n",
    tree:
      "(classDefinition _ (identifier C) (arguments (identifier B) (keywordArgument (identifier metaclass) (identifier M))) (block (assignment (identifier x) (number 1))))"
  ),
  ParseCase(
    source: "if a:\n  b\nelif c:\n  d\nelse:\n  e\n",
    tree:
      "(ifStatement (identifier a) (block (expressionStatement (identifier b))) (block (ifStatement (identifier c) (block (expressionStatement (identifier d))) (block (expressionStatement (identifier e))))))"
  ),
  ParseCase(
    source: "for i, j in x:\n  continue\nelse:\n  break\n",
    tree:
      "(forStatement (tuple (identifier i) (identifier j)) (identifier x) (block (continueStatement)) (block (breakStatement)))"
  ),
  ParseCase(
    source: "while x:\n  pass\n",
    tree: "(whileStatement (identifier x) (block (passStatement)) _)"),
  ParseCase(
    source: "try:\n  a\nexcept E as e:\n  raise X from e\nfinally:\n  b\n",
    tree:
      "(tryStatement (block (expressionStatement (identifier a))) (exceptClauses (exceptClause (identifier E) (identifier e) (block (raiseStatement (identifier X) (identifier e))))) _ (block (expressionStatement (identifier b))))"
  ),
  ParseCase(
    source: "with open(p) as f, (g):\n  pass\n",
    tree:
      "(withStatement (withItems (withItem (call (identifier open) (arguments (identifier p))) (identifier f)) (withItem (identifier g) _)) (block (passStatement)))"
  ),
  ParseCase(
    source: "with (open(p) as f, g as h):\n  pass\n",
    tree:
      "(withStatement (withItems (withItem (call (identifier open) (arguments (identifier p))) (identifier f)) (withItem (identifier g) (identifier h))) (block (passStatement)))"
  ),
  ParseCase(source: "global a, b", tree: "(globalStatement (identifier a) (identifier b))"),
  ParseCase(
    source: "x = None if True else ...",
    tree: "(assignment (identifier x) (conditional (constant None) (constant True) (ellipsis)))"),
  ParseCase(
    source: "print(x for x in y)",
    tree:
      "(expressionStatement (call (identifier print) (arguments (comprehension (identifier x) (comprehensionClause (identifier x) (identifier y))))))"
  ),
  ParseCase(source: "x = 1  # a comment (\n", tree: "(assignment (identifier x) (number 1))"),
  ParseCase(
    source: "x = [1,\n  2]\n", tree: "(assignment (identifier x) (list (number 1) (number 2)))"),
  ParseCase(
    source: "x = 1 + \\\n  2\n",
    tree: "(assignment (identifier x) (binaryOperation:add (number 1) (number 2)))"),
  ParseCase(
    source: "x = 0x1F + 1.5e-3j",
    tree: "(assignment (identifier x) (binaryOperation:add (number 0x1F) (number 1.5e-3j)))"),
  ParseCase(
    source: "del a[0], b",
    tree: "(deleteStatement (tuple (subscript (identifier a) (number 0)) (identifier b)))"),
  ParseCase(source: "assert x, 'm'", tree: "(assertStatement (identifier x) (string m))"),
  ParseCase(
    source: "match p:\n  case [x, *r] if x:\n    pass\n  case {'k': v} | None as w:\n    pass\n",
    tree:
      "(matchStatement (identifier p) (caseClause (list (identifier x) (starred (identifier r))) (identifier x) (block (passStatement))) (caseClause (asPattern (binaryOperation:bitOr (dictionary (pair (string k) (identifier v))) (constant None)) (identifier w)) _ (block (passStatement))))"
  ),
  ParseCase(
    source: "match = re.match(p, s)",
    tree:
      "(assignment (identifier match) (call (attribute (identifier re) (identifier match)) (arguments (identifier p) (identifier s))))"
  ),
  ParseCase(
    source: "class C[T: int, *Ts](B[T]):\n  def f[U](self, u: U) -> T: ...\n",
    tree:
      "(classDefinition _ (identifier C) (arguments (subscript (identifier B) (identifier T))) (block (functionDefinition _ (identifier f) (parameters (parameter (identifier self) _ _) (parameter (identifier u) (identifier U) _)) (identifier T) (block (expressionStatement (ellipsis))))))"
  ),
  ParseCase(
    source: "type Pair[T] = tuple[T, T]",
    tree:
      "(typeAlias (identifier Pair) (subscript (identifier tuple) (tuple (identifier T) (identifier T))))"
  ),
  ParseCase(
    source: "x = fr'\\{{' + f'\\N{DASH}{y}'",
    tree:
      "(assignment (identifier x) (binaryOperation:add (formattedString \\{{) (formattedString \\N{DASH}{y} (identifier y))))"
  ),
  ParseCase(source: "type = 3", tree: "(assignment (identifier type) (number 3))"),
  ParseCase(
    source: "match x:\n  case [1 as a, (2 | 3) as b]:\n    pass\n",
    tree:
      "(matchStatement (identifier x) (caseClause (list (asPattern (number 1) (identifier a)) (asPattern (binaryOperation:bitOr (number 2) (number 3)) (identifier b))) _ (block (passStatement))))"
  ),
  ParseCase(
    source: "match(a)\n",
    tree: "(expressionStatement (call (identifier match) (arguments (identifier a))))"),
  // PEP 701: the f-string's own quotes, nested f-strings, newlines and comments in a field.
  ParseCase(
    source: "f\"{x[\"a\"]!r:>{w}}\"",
    tree:
      "(expressionStatement (formattedString {x[\"a\"]!r:>{w}} (subscript (identifier x) (string a)) (identifier w)))"
  ),
  ParseCase(
    source: "f\"{f\"{y + \"}\"}\"}\"",
    tree:
      "(expressionStatement (formattedString {f\"{y + \"}\"}\"} (formattedString {y + \"}\"} (binaryOperation:add (identifier y) (string })))))"
  ),
  ParseCase(
    source: "s = f'''{\n  a  # it's a comment: {\n  + b\n}''' + f'{\nc\n}'",
    tree:
      "(assignment (identifier s) (binaryOperation:add (formattedString {\n  a  # it's a comment: {\n  + b\n} (binaryOperation:add (identifier a) (identifier b))) (formattedString {\nc\n} (identifier c))))"
  ),
  ParseCase(
    source: "f'''{x.replace(\"'\", \"''\")}'''",
    tree:
      "(expressionStatement (formattedString {x.replace(\"'\", \"''\")} (call (attribute (identifier x) (identifier replace)) (arguments (string ') (string '')))))"
  ),
  ParseCase(
    source: "f'''{a = # shown as `a = `\n}{b=!r}'''",
    tree:
      "(expressionStatement (formattedString {a = # shown as `a = `\n}{b=!r} (identifier a) (identifier b)))"
  ),
  ParseCase(
    source: "def g():\n  f'{yield}'\n",
    tree:
      "(functionDefinition _ (identifier g) (parameters) _ (block (expressionStatement (formattedString {yield} (yield _)))))"
  ),
  ParseCase(
    source: "\u{FEFF}import os",
    tree: "(importStatement (importAlias (dottedName (identifier os)) _))"),
  ParseCase(
    source: "match x:\n  case {0: int() | 1 as z, **rest}:\n    pass\n",
    tree:
      "(matchStatement (identifier x) (caseClause (dictionary (pair (number 0) (asPattern (binaryOperation:bitOr (call (identifier int) (arguments)) (number 1)) (identifier z))) (doubleStarArgument (identifier rest))) _ (block (passStatement))))"
  ),
  ParseCase(
    source: "def f[T: (int, str) = int, *Ts, **P](x: T, /, *a: *Ts) -> T: pass",
    tree:
      "(functionDefinition _ (identifier f) (parameters (parameter (identifier x) (identifier T) _) (parameter _ _ _) (parameter (identifier a) (starred (identifier Ts)) _)) (identifier T) (block (passStatement)))"
  ),
]

@Test(arguments: parseCases)
func parsesStatement(_ example: ParseCase) {
  let tree = PythonParser.parse(source: example.source)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  let first = tree.child(tree.root, 0)
  #expect(tree.sExpression(first) == example.tree)
}

@Test func rangesCountCharactersAndBytes() {
  let source = "s = \"é✓\"\nfoo(ü, 𝔵)\n"
  let tree = PythonParser.parse(source: source)
  let call = tree.child(tree.child(tree.root, 1), 0)
  let arguments = tree.child(call, 1)
  let second = tree.child(arguments, 1)
  let range = tree.range(of: second)
  #expect(range.start.line == 2)
  #expect(range.start.column == 8)
  #expect(range.end.column == 9)
  #expect(range.start.offset == Array("s = \"é✓\"\nfoo(ü, ".utf8).count)
  #expect(tree.source.utf16Column(at: Int(tree[second].end)) == 10)
  #expect(tree.sourceText(of: second) == "𝔵")
}

@Test func badStatementsBecomeErrorsAndParsingGoesOn() {
  let source = "a = (\nb = 1\nprint x\ndef f(:\n    return 2\ndef g():\n  c = 3\n"
  let tree = PythonParser.parse(source: source)
  #expect(!tree.warnings.isEmpty)
  let kinds = tree.childIDs(tree.root).map { tree[$0].kind }
  #expect(kinds.contains(.error))
  #expect(
    tree.sExpression(tree.childIDs(tree.root).last)
      == "(functionDefinition _ (identifier g) (parameters) _ (block (assignment (identifier c) (number 3))))"
  )
}

/// A small deterministic generator, so that random inputs are the same on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

let sampleProgram = """
  import os, sys as system
  from a.b import c as d

  @decorator(arg=1)
  class Thing(Base):
      \"\"\"Docstring with 'quotes' and ü.\"\"\"
      def method(self, x: int = 3, *args, **kw) -> None:
          if x > 1 and not args:
              return [i * 2 for i in range(x) if i % 2]
          elif x:
              yield from kw.items()
          else:
              try:
                  os.system(f"echo {x!r:>{10}}")
              except (OSError, ValueError) as e:
                  raise RuntimeError("bad") from e
              finally:
                  pass
          with open(x) as f, lock:
              data = {k: v for k, v in f}
          lam = lambda a, b=2: a if b else None
          return data[1:2, ::3]

  async def run():
      async with s as t:
          await t.go(*args, key=value)

  """

@Test func truncatedFilesNeverCrash() {
  let bytes = Array(sampleProgram.utf8)
  for cut in stride(from: 0, through: bytes.count, by: 3) {
    let tree = PythonParser.parse(
      SourceFile(path: "", bytes: Array(bytes[0..<cut])), patternMode: false)
    #expect(tree[tree.root].end == Int32(cut))
  }
}

@Test(arguments: 0..<4)
func randomBytesNeverCrash(seed: Int) {
  var generator = SplitMix64(state: UInt64(seed) &* 7919)
  let alphabet = Array("()[]{}:;,.=+-*/%@<>!'\"\\#\n\n  \tabcxyz019_$ifdefclassreturnfor in".utf8)
  for round in 0..<60 {
    let length = Int.random(in: 0..<1500, using: &generator)
    let bytes: [UInt8] = (0..<length).map { _ in
      round % 2 == 0
        ? UInt8.random(in: 0...255, using: &generator)
        : alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
    }
    for mode in [false, true] {
      let tree = PythonParser.parse(SourceFile(path: "", bytes: bytes), patternMode: mode)
      #expect(tree[tree.root].end == Int32(bytes.count))
    }
  }
}

@Test(arguments: [
  String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
  String(repeating: "[", count: 100_000),
  "x = " + String(repeating: "-", count: 10_000) + "1",
  "x = a" + String(repeating: ".b", count: 10_000),
  "x = 1" + String(repeating: " + 1", count: 10_000),
  "x = (" + String(repeating: "1 + (", count: 300) + "1" + String(repeating: ")", count: 301),
  (0..<600).map { String(repeating: " ", count: $0) + "if x:\n" }.joined(),
  "f'{" + String(repeating: "[", count: 3000) + "}'",
  String(repeating: "lambda: ", count: 5000) + "1",
  "if a:\n  pass\n" + String(repeating: "elif b:\n  pass\n", count: 5000),
])
func deepNestingIsAnErrorNotACrash(_ source: String) throws {
  let tree = PythonParser.parse(source: source)
  #expect(!tree.warnings.isEmpty)
  #expect(tree[tree.root].end == Int32(source.utf8.count))
}

/// Nesting just inside the limit parses, and matching it (which recurses) does not overflow.
@Test(arguments: [
  (
    "x = " + String(repeating: "(", count: 150) + "f(a)" + String(repeating: ")", count: 150),
    ["f($X)", "<... a ...>", "$X = $Y"]
  ),
  (
    "x = a" + String(repeating: ".b", count: 150) + "\nx = a" + String(repeating: ".b", count: 150),
    ["$X.b", "<... a ...>", "$X = $Y\n$X = $Y"]
  ),
  (
    "x = 1" + String(repeating: " + a", count: 900) + "\ny = 1"
      + String(repeating: " + a", count: 900),
    ["1 + a", "$X = $Y\n$Z = $Y", "<... a ...>"]
  ),
  (
    "x = f'{ a }' + f'''{\n b }'''",
    ["a", "b"]
  ),
  (
    "if a:\n  f(a)\n" + String(repeating: "elif b:\n  f(a)\n", count: 150),
    ["f($X)", "if $C:\n    ...", "if $C:\n    ...\nelse:\n    ..."]
  ),
])
func deepButValidNestingMatches(_ source: String, _ patterns: [String]) throws {
  let tree = PythonParser.parse(source: source)
  #expect(tree.warnings.isEmpty)
  for text in patterns {
    let pattern = try PatternParser.parse(text, language: .python)
    #expect(!Matcher.matches(pattern, in: tree).isEmpty, "\(text)")
  }
}

@Test func largeFileFinishes() {
  let copies = 5_000_000 / sampleProgram.utf8.count + 1
  let source = String(repeating: sampleProgram, count: copies)
  let tree = PythonParser.parse(source: source)
  #expect(tree.warnings.isEmpty)
  #expect(tree.childIDs(tree.root).count == copies * 4)
}
