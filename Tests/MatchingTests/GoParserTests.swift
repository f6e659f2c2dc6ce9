import Rules
import Testing

@testable import Matching

/// One Go statement or declaration and the tree it must give.
struct GoParseCase: CustomTestStringConvertible, Sendable {
  let source: String
  let tree: String
  var testDescription: String { source }
}

let goParseCases: [GoParseCase] = [
  GoParseCase(source: "package main", tree: "(goPackage (identifier main))"),
  GoParseCase(
    source: "import x \"os/exec\"",
    tree: "(goImport (constant os/exec) (identifier x))"),
  GoParseCase(
    source: "import (\n\t\"fmt\"\n\t_ \"net/http/pprof\"\n)",
    tree: "(goImport (constant fmt) _)"),
  GoParseCase(
    source: "func (s *S) Get(k string, n ...int) (int, error) { return 0, nil }",
    tree:
      "(functionDefinition (parameters (parameter (identifier s) (goStar (identifier S)) _)) (identifier Get) (parameters (parameter (identifier k) (identifier string) _) (parameter (identifier n) (identifier int) _)) (parameters (parameter _ (identifier int) _) (parameter _ (identifier error) _)) (block (returnStatement (tuple (number 0) (identifier nil)))) _)"
  ),
  GoParseCase(
    source: "func f(a, b int) {}",
    tree:
      "(functionDefinition _ (identifier f) (parameters (parameter (identifier a) (identifier int) _) (parameter (identifier b) (identifier int) _)) _ (block) _)"
  ),
  GoParseCase(
    source: "func Map[T any](xs []T) []T { return xs }",
    tree:
      "(functionDefinition _ (identifier Map) (parameters (parameter (identifier xs) (goSliceType (identifier T)) _)) (goSliceType (identifier T)) (block (returnStatement (identifier xs))) (parameters (parameter (identifier T) (identifier any) _)))"
  ),
  GoParseCase(
    source: "a, b := f()",
    tree:
      "(assignment (tuple (identifier a) (identifier b)) (call (identifier f) (arguments)))"),
  GoParseCase(
    source: "var x, y int = 1, 2",
    tree: "(annotatedAssignment (identifier x) (identifier int) (number 1))"),
  GoParseCase(
    source: "const s = `raw\\n`",
    tree: "(annotatedAssignment (identifier s) _ (string raw\\n))"),
  GoParseCase(
    source: "c := tls.Config{InsecureSkipVerify: true, Certs: []Cert{{1}}}",
    tree:
      "(assignment (identifier c) (goCompositeLiteral (attribute (identifier tls) (identifier Config)) (arguments (keywordArgument (identifier InsecureSkipVerify) (identifier true)) (keywordArgument (identifier Certs) (goCompositeLiteral (goSliceType (identifier Cert)) (arguments (goCompositeLiteral _ (arguments (number 1)))))))))"
  ),
  GoParseCase(
    source: "m := map[string]int{\"a\": 1}",
    tree:
      "(assignment (identifier m) (goCompositeLiteral (goMapType (identifier string) (identifier int)) (arguments (pair (string a) (number 1)))))"
  ),
  GoParseCase(
    source: "defer mu.Unlock()",
    tree: "(goDefer (call (attribute (identifier mu) (identifier Unlock)) (arguments)))"),
  GoParseCase(
    source: "go func() { work() }()",
    tree:
      "(goStatement (call (lambda (parameters) (block (expressionStatement (call (identifier work) (arguments)))) _) (arguments)))"
  ),
  GoParseCase(
    source: "if err := f(); err != nil { return } else if x { y++ }",
    tree:
      "(block (assignment (identifier err) (call (identifier f) (arguments))) (ifStatement (comparison:notEqual (identifier err) (identifier nil)) (block (returnStatement _)) (block (ifStatement (identifier x) (block (goIncrement:add (identifier y))) _ _)) _))"
  ),
  GoParseCase(
    source: "for i := 0; i < n; i++ { }",
    tree:
      "(whileStatement (comparison:less (identifier i) (identifier n)) (block) _ (assignment (identifier i) (number 0)) (goIncrement:add (identifier i)))"
  ),
  GoParseCase(
    source: "for k, v := range m { }",
    tree:
      "(forStatement (tuple (identifier k) (identifier v)) (identifier m) (block) _)"),
  GoParseCase(
    source: "for x == (T{}) { }",
    tree:
      "(whileStatement (comparison:equal (identifier x) (goCompositeLiteral (identifier T) (arguments))) (block) _ _ _)"
  ),
  GoParseCase(
    source: "switch v := x.(type) { case int, string: f(v); default: }",
    tree:
      "(goSwitch _ (assignment (identifier v) (goTypeAssertion (identifier x) _)) (goCaseClause (list (identifier int) (identifier string)) (block (expressionStatement (call (identifier f) (arguments (identifier v)))))) (goCaseClause _ (block)))"
  ),
  GoParseCase(
    source: "select { case v := <-ch: use(v); case out <- 1: }",
    tree:
      "(goSelect (goCaseClause (assignment (identifier v) (goReceive (identifier ch))) (block (expressionStatement (call (identifier use) (arguments (identifier v)))))) (goCaseClause (goSend (identifier out) (number 1)) (block)))"
  ),
  GoParseCase(
    source: "type T struct { A, B int `json:\"a\"`; *Base }",
    tree:
      "(goTypeDeclaration (identifier T) _ (goStructType (goField (identifier A) (identifier int) (string json:\"a\")) (goField (identifier B) (identifier int) (string json:\"a\")) (goField _ (goStar (identifier Base)) _)))"
  ),
  GoParseCase(
    source: "type N interface { ~int | string; Read(p []byte) (int, error) }",
    tree:
      "(goTypeDeclaration (identifier N) _ (goInterfaceType (binaryOperation:bitOr (unaryOperation:invert (identifier int)) (identifier string)) (goField (identifier Read) (goFunctionType (parameters (parameter (identifier p) (goSliceType (identifier byte)) _)) (parameters (parameter _ (identifier int) _) (parameter _ (identifier error) _))) _)))"
  ),
  GoParseCase(
    source: "x := a[1:2] + b[i] &^ c",
    tree:
      "(assignment (identifier x) (binaryOperation:add (subscript (identifier a) (slice (number 1) (number 2) _)) (binaryOperation:bitAnd (subscript (identifier b) (identifier i)) (unaryOperation:invert (identifier c)))))"
  ),
  GoParseCase(
    source: "v, ok := i.(*T)",
    tree:
      "(assignment (tuple (identifier v) (identifier ok)) (goTypeAssertion (identifier i) (goStar (identifier T))))"
  ),
  GoParseCase(
    source: "w.Write([]byte(s), xs...)",
    tree:
      "(expressionStatement (call (attribute (identifier w) (identifier Write)) (arguments (goConversion (goSliceType (identifier byte)) (arguments (identifier s))) (starArgument (identifier xs)))))"
  ),
  GoParseCase(source: "break outer", tree: "(breakStatement (identifier outer))"),
  GoParseCase(source: "continue", tree: "(continueStatement _)"),
  GoParseCase(
    source: "_ = (*T)(nil)",
    tree: "(assignment (identifier _) (call (goStar (identifier T)) (arguments (identifier nil))))"),
  GoParseCase(
    // semgrep reads `make(T, ...)` as the literal `T{...}` and `new(T)` as `&T{}`.
    source: "ch := make(chan<- int, 'a')",
    tree:
      "(assignment (identifier ch) (goCompositeLiteral (goChannelType (identifier int)) (arguments (constant 'a'))))"
  ),
  GoParseCase(
    source: "p := new(T)",
    tree:
      "(assignment (identifier p) (goAddress (goCompositeLiteral (identifier T) (arguments))))"),
]

@Test(arguments: goParseCases)
func parsesGoStatement(_ example: GoParseCase) {
  let tree = GoParser.parse(source: example.source)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  let first = tree.child(tree.root, 0)
  #expect(tree.sExpression(first) == example.tree)
}

@Test func goPatternOperatorsParse() throws {
  let cases = [
    ("f($X, ...)", "(call (identifier f) (arguments (metavariable $X) (ellipsis)))"),
    (
      "$T{..., $K: \"...\", ...}",
      "(goCompositeLiteral (metavariable $T) (arguments (ellipsis) (keywordArgument (metavariable $K) (string ...)) (ellipsis)))"
    ),
    (
      "<... $R.FormValue(...) ...>",
      "(deepExpression (call (attribute (metavariable $R) (identifier FormValue)) (arguments (ellipsis))))"
    ),
    (
      "($X : *http.Request)",
      "(goTypedMetavariable (metavariable $X) (goStar (attribute (identifier http) (identifier Request))))"
    ),
    ("g($...ARGS)", "(call (identifier g) (arguments (ellipsisMetavariable $...ARGS)))"),
  ]
  for (source, expected) in cases {
    let tree = GoParser.parse(SourceFile(path: "", text: source), patternMode: true)
    #expect(tree.warnings.isEmpty, "\(source): \(tree.warnings)")
    let statement = tree.child(tree.root, 0)
    #expect(tree.sExpression(tree.child(statement, 0)) == expected, "\(source)")
  }
  let statements = GoParser.parse(
    SourceFile(path: "", text: "$X := f()\n...\nfor ... {\n  ...\n}"), patternMode: true)
  #expect(statements.warnings.isEmpty)
  #expect(
    statements.childIDs(statements.root).map { statements[$0].kind }
      == [.assignment, .expressionStatement, .goAnyLoop])
}

@Test func goFunctionLiteralsEndInImplicitReturns() {
  let tree = GoParser.parse(source: "f := func() { a(); if x { b() } else { c() } }\ng()")
  let marked = tree.nodes(of: .expressionStatement).filter {
    tree[$0].flags & NodeFlags.goImplicitReturn != 0
  }
  #expect(marked.map { tree.sourceText(of: $0) } == ["b()", "c()"])
}

@Test func goImportAliasesNameTheLastPathPart() {
  let tree = GoParser.parse(
    source:
      "package p\nimport (\n x \"os/exec\"\n mrand \"math/rand\"\n _ \"a/b\"\n . \"strings\"\n)\n")
  #expect(tree.importAliases == ["x": "exec", "mrand": "rand"])
}

@Test func goBadStatementsBecomeErrorsAndParsingGoesOn() {
  let source = "package p\nfunc f() {\n\tx := (\n\ty := 2\n}\nfunc g() { c := 3 }\n"
  let tree = GoParser.parse(source: source)
  #expect(!tree.warnings.isEmpty)
  #expect(
    tree.sExpression(tree.childIDs(tree.root).last)
      == "(functionDefinition _ (identifier g) (parameters) _ (block (assignment (identifier c) (number 3))) _)"
  )
}

let goSampleProgram = """
  package server

  import (
  \t"crypto/tls"
  \tx "os/exec"
  )

  type Server[T any] struct {
  \tName string `json:"name"`
  \titems map[string][]T
  }

  func (s *Server[T]) Handle(w http.ResponseWriter, r *http.Request) (int, error) {
  \tcfg := &tls.Config{InsecureSkipVerify: true}
  \tif err := x.Command("sh", "-c", r.FormValue("c")).Run(); err != nil {
  \t\treturn 0, fmt.Errorf("run: %w", err)
  \t}
  \tfor k, v := range s.items {
  \t\tgo func(k string) { defer wg.Done(); _ = v[0] }(k)
  \t}
  \tswitch t := any(cfg).(type) {
  \tcase *tls.Config:
  \t\t_ = t
  \t}
  \tselect {
  \tcase <-ctx.Done():
  \tdefault:
  \t}
  \treturn len(`raw ü`) + 'x', nil
  }

  """

@Test func goTruncatedFilesNeverCrash() {
  let bytes = Array(goSampleProgram.utf8)
  for cut in 0...bytes.count {
    let tree = GoParser.parse(
      SourceFile(path: "", bytes: Array(bytes[0..<cut])), patternMode: false)
    #expect(tree[tree.root].end == Int32(cut))
  }
}

@Test(arguments: 0..<4)
func goRandomBytesNeverCrash(seed: Int) {
  var generator = SplitMix64(state: UInt64(seed) &* 104_729)
  let alphabet = Array(
    "()[]{}:;,.=+-*/%&^|<>!'\"`\\\n\n  \tabcxyz019_$funcifforrangeswitchcasestructmap...".utf8)
  for round in 0..<60 {
    let length = Int.random(in: 0..<1500, using: &generator)
    let bytes: [UInt8] = (0..<length).map { _ in
      round % 2 == 0
        ? UInt8.random(in: 0...255, using: &generator)
        : alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
    }
    for mode in [false, true] {
      let tree = GoParser.parse(SourceFile(path: "", bytes: bytes), patternMode: mode)
      #expect(tree[tree.root].end == Int32(bytes.count))
    }
  }
}

@Test(arguments: [
  "package p\nvar x = " + String(repeating: "(", count: 10_000) + "1"
    + String(repeating: ")", count: 10_000),
  "package p\nfunc f() " + String(repeating: "{", count: 10_000),
  "package p\nvar x = " + String(repeating: "[", count: 10_000),
  "package p\nvar x = " + String(repeating: "-", count: 10_000) + "1",
  "package p\nvar x = a" + String(repeating: ".b", count: 10_000),
  "package p\nvar x = 1" + String(repeating: " + 1", count: 10_000),
  "package p\nvar x = " + String(repeating: "T{", count: 10_000),
  "package p\nvar x " + String(repeating: "*", count: 10_000) + "T",
  "package p\nfunc f() {\n" + String(repeating: "if x {\n", count: 5000),
  "package p\n" + String(repeating: "func (", count: 20_000),
  "package p\nfunc f(a " + String(repeating: "[", count: 20_000),
])
func goDeepNestingIsAnErrorNotACrash(_ source: String) {
  let tree = GoParser.parse(source: source)
  #expect(!tree.warnings.isEmpty)
  #expect(tree[tree.root].end == Int32(source.utf8.count))
}

@Test func goLargeFileFinishes() throws {
  let copies = 3_000_000 / goSampleProgram.utf8.count + 1
  let source = String(
    repeating: goSampleProgram.replacingOccurrences(of: "package server\n", with: ""), count: copies
  )
  let tree = GoParser.parse(source: "package server\n" + source)
  #expect(tree.warnings.isEmpty)
  #expect(tree.childIDs(tree.root).count == 1 + copies * 4)
  // Typed metavariables read the file's declarations once, not once per candidate.
  let pattern = try PatternParser.parse("($R : *http.Request).FormValue(...)", language: .go)
  #expect(Matcher.matches(pattern, in: tree).count == copies)
}

@Test func goPatternsMatchAcrossTheTree() throws {
  let tree = GoParser.parse(source: goSampleProgram)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  let cases: [(String, Int)] = [
    ("exec.Command(\"sh\", \"-c\", ...)", 1),
    ("tls.Config{..., InsecureSkipVerify: true, ...}", 1),
    ("$X := $Y", 2),
    ("$X = $Y", 5),
    ("($R : *http.Request).FormValue(...)", 1),
    ("for ... { ... }", 1),
    ("defer $W.Done()", 1),
    ("\"...\"", 6),
  ]
  for (text, count) in cases {
    let pattern = try PatternParser.parse(text, language: .go)
    #expect(Matcher.matches(pattern, in: tree).count == count, "\(text)")
  }
}
