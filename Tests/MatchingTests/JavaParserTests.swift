import Rules
import Testing

@testable import Matching

/// Parses `source` as the body of a method and returns the tree of its first statement.
private func statementTree(_ source: String) -> (SyntaxTree, String) {
  let tree = JavaParser.parse(source: "class A { void m() { \(source) } }")
  let method = tree.child(tree.child(tree.child(tree.root, 0), 3), 0)
  let body = tree.child(method, 4)
  return (tree, tree.sExpression(tree.child(body, 0)))
}

let javaStatementCases: [ParseCase] = [
  ParseCase(
    source: "String s = \"a\", t;",
    tree: "(annotatedAssignment (identifier s) (identifier String) (string a) _)"),
  ParseCase(
    source: "List<Map<String, int[]>> xs = new ArrayList<>();",
    tree:
      "(annotatedAssignment (identifier xs) (genericType (identifier List) (genericType (identifier Map) (identifier String) (arrayType (identifier int)))) (newObject (genericType (identifier ArrayList)) (arguments) _) _)"
  ),
  ParseCase(
    source: "x = a >> 2 >>> b > c >= d;",
    tree:
      "(assignment (identifier x) (comparison:greaterEqual (comparison:greater (binaryOperation:rightShift (binaryOperation:rightShift (identifier a) (number 2)) (identifier b)) (identifier c)) (identifier d)))"
  ),
  ParseCase(
    source: "o.f(1).g[i] += (int) y;",
    tree:
      "(augmentedAssignment:add (subscript (attribute (call (attribute (identifier o) (identifier f)) (arguments (number 1))) (identifier g)) (identifier i)) (cast (identifier int) (identifier y)))"
  ),
  ParseCase(
    source: "r = (a) -> a + 1;",
    tree:
      "(assignment (identifier r) (lambda (parameters (parameter (identifier a) _ _ _)) (binaryOperation:add (identifier a) (number 1))))"
  ),
  ParseCase(
    source: "run(String::valueOf, x -> { return; });",
    tree:
      "(expressionStatement (call (identifier run) (arguments (methodReference (identifier String) (identifier valueOf)) (lambda (parameters (parameter (identifier x) _ _ _)) (block (returnStatement _))))))"
  ),
  ParseCase(
    source: "Object o = new Object() { int f() { return 1; } };",
    tree:
      "(annotatedAssignment (identifier o) (identifier Object) (newObject (identifier Object) (arguments) (block (functionDefinition _ (identifier f) (parameters) (identifier int) (block (returnStatement (number 1))) _))) _)"
  ),
  ParseCase(
    source: "String[] a = new String[] {\"x\", y};",
    tree:
      "(annotatedAssignment (identifier a) (arrayType (identifier String)) (newArray (identifier String) (tuple (constant )) (list (string x) (identifier y))) _)"
  ),
  ParseCase(
    source: "try (var in = open(); out) { } catch (A | B e) { throw e; } finally { }",
    tree:
      "(tryStatement (block) (exceptClauses (exceptClause (tuple (identifier A) (identifier B)) (identifier e) (block (raiseStatement (identifier e) _)))) _ (block) (withItems (annotatedAssignment (identifier in) (identifier var) (call (identifier open) (arguments)) _) (identifier out)))"
  ),
  ParseCase(
    source: "int v = switch (k) { case 1, 2 -> 3; default -> { yield f(k); } };",
    tree:
      "(annotatedAssignment (identifier v) (identifier int) (matchStatement (identifier k) (caseClause (tuple (number 1) (number 2)) _ (block (expressionStatement (number 3)))) (caseClause _ _ (block (returnStatement (call (identifier f) (arguments (identifier k))))))) _)"
  ),
  ParseCase(
    source: "if (o instanceof String s && !s.isEmpty()) x++; else if (c) ; else { }",
    tree:
      "(ifStatement (booleanOperation:and (instanceOf (identifier o) (identifier String) (identifier s)) (unaryOperation:not (call (attribute (identifier s) (identifier isEmpty)) (arguments)))) (block (expressionStatement (increment:add (identifier x)))) (block (ifStatement (identifier c) (block (passStatement)) (block))))"
  ),
  ParseCase(
    source: "for (int i = 0; i < n; i++) for (String s : xs) use(s);",
    tree:
      "(forClassic (block (parameter (identifier i) (identifier int) (number 0) _)) (comparison:less (identifier i) (identifier n)) (block (increment:add (identifier i))) (block (forStatement (parameter (identifier s) (identifier String) _ _) (identifier xs) (block (expressionStatement (call (identifier use) (arguments (identifier s))))) _)))"
  ),
  ParseCase(
    source: "synchronized (lock) { label: while (true) break label; }",
    tree:
      "(withStatement (withItems (withItem (identifier lock) _)) (block (whileStatement (constant true) (block (breakStatement)) _)))"
  ),
  ParseCase(
    source: "char c = '\\''; String t = \"\"\"\n  a \"q\"\n  \"\"\";",
    tree: "(annotatedAssignment (identifier c) (identifier char) (constant '\\'') _)"),
  ParseCase(
    source: "assert a.<T>get() != null : \"m\";",
    tree:
      "(assertStatement (comparison:notEqual (call (attribute (identifier a) (identifier get)) (arguments)) (constant null)) (string m))"
  ),
]

@Test(arguments: javaStatementCases)
func parsesJavaStatement(_ example: ParseCase) {
  let (tree, shape) = statementTree(example.source)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  #expect(shape == example.tree)
}

@Test func javaDeclarationsAndImports() {
  let source = """
    package p.q;
    import java.util.List;
    import static java.lang.Runtime.getRuntime;
    import java.io.*;
    @Entity(name = "t") public final class A<T> extends B implements C {
      @Id private long id;
      A(int a) throws IOException { super(a); }
      public <R> List<R> m(final String s, int... rest) { return null; }
      enum E { X, Y(1) { } }
      record R(int a) { R { check(a); } }
    }
    """
  let tree = JavaParser.parse(source: source)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  #expect(
    tree.importAliases == [
      "List": "java.util.List", "getRuntime": "java.lang.Runtime.getRuntime",
      "*java.io": "java.io",
    ])
  let items = Array(tree.childIDs(tree.root))
  #expect(
    items.prefix(3).map { tree.sExpression($0) } == [
      "(importStatement (importAlias (dottedName (identifier java) (identifier util) (identifier List)) _))",
      "(importFrom (dottedName (identifier java) (identifier lang) (identifier Runtime)) (importAlias (dottedName (identifier getRuntime)) _))",
      "(importFrom (dottedName (identifier java) (identifier io)) (importAll))",
    ])
  let members = Array(tree.childIDs(tree.child(items[3], 3)))
  #expect(
    tree.sExpression(tree.child(items[3], 0))
      == "(decorators (call (identifier Entity) (arguments (keywordArgument (identifier name) (string t)))) (constant public) (constant final))"
  )
  #expect(
    members.map { tree.sExpression($0) } == [
      "(annotatedAssignment (identifier id) (identifier long) _ (decorators (identifier Id) (constant private)))",
      "(functionDefinition _ (identifier A) (parameters (parameter (identifier a) (identifier int) _ _)) _ (block (expressionStatement (call (identifier super) (arguments (identifier a))))) (tuple (identifier IOException)))",
      "(functionDefinition (decorators (constant public)) (identifier m) (parameters (parameter (identifier s) (identifier String) _ (decorators (constant final))) (parameter (identifier rest) (identifier int) _ _)) (genericType (identifier List) (identifier R)) (block (returnStatement (constant null))) _)",
      "(classDefinition _ (identifier E) _ (block (expressionStatement (identifier X)) (expressionStatement (identifier Y)) (expressionStatement (arguments (number 1))) (block)))",
      "(classDefinition _ (identifier R) _ (block (functionDefinition _ (identifier R) (parameters) _ (block (expressionStatement (call (identifier check) (arguments (identifier a))))) _)))",
    ])
  #expect(tree.sExpression(tree.child(items[3], 2)) == "(superTypes (identifier B) (identifier C))")
  let varargs = tree.child(tree.child(members[2], 2), 1)
  #expect(tree[varargs].flags == NodeFlags.star)
}

/// A module declaration (`module-info.java`) is read past like `package`, without warnings.
@Test(arguments: [
  "module java.base {\n  exports java.io;\n  requires transitive java.logging;\n}\n",
  "import a.B;\nopen module m.n { provides a.B with c.D; uses a.B; }\n",
])
func javaModuleDeclarationsParse(_ source: String) {
  let tree = JavaParser.parse(source: source)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  #expect(!tree.childIDs(tree.root).contains { tree[$0].kind == .error })
}

@Test(arguments: [
  ("$RET $M(..., String $S, ...) { ... }", "functionDefinition"),
  ("@$A(...)\nclass $C { ... }", "classDefinition"),
  ("(Runtime $R).exec($CMD, ...)", "expressionStatement"),
  ("String $X = \"...\";", "annotatedAssignment"),
  ("$X = <... $Y ...>;", "assignment"),
  ("new $T(...)", "expressionStatement"),
  ("$O.$METHOD($...ARGS)", "expressionStatement"),
])
func javaPatternsParse(_ text: String, _ kind: String) throws {
  let tree = JavaParser.parse(SourceFile(path: "", text: text), patternMode: true)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  let first = tree.child(tree.root, 0)
  #expect("\(tree[first].kind)" == kind)
}

/// Constructs the matcher would match wrongly are refused, so semgrep runs the rule instead.
@Test(arguments: [
  "record $R(String $X) { ... }",
  "<T> void $M(T $X) { ... }",
  "$X >>> 2",
  "outer: for (...) { ... }",
])
func javaUnsupportedPatternsAreRefused(_ text: String) {
  #expect {
    _ = try PatternParser.parse(text, language: .java)
  } throws: { error in
    guard case .unsupported = error as? MatchingError else { return false }
    return true
  }
}

/// The neighbours of the refused constructs compile, and into the construct they spell.
@Test(arguments: [
  ("record $R(...) { ... }", "classDefinition"), ("$X >> 2", "binaryOperation"),
  ("for (...) { ... }", "forClassic"),
])
func javaSupportedNeighboursAreAccepted(_ text: String, _ kind: String) throws {
  #expect(throws: Never.self) { _ = try PatternParser.parse(text, language: .java) }
  let tree = JavaParser.parse(SourceFile(path: "", text: text), patternMode: true)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  var first = tree.child(tree.root, 0)
  if tree[first].kind == .expressionStatement { first = tree.child(first, 0) }
  #expect("\(tree[first].kind)" == kind, "\(tree.sExpression(tree.root))")
}

@Test func javaTypedMetavariableParses() {
  let text = "(java.util.List<String> $X)"
  let tree = JavaParser.parse(SourceFile(path: "", text: text), patternMode: true)
  #expect(
    tree.sExpression(tree.child(tree.root, 0))
      == "(expressionStatement (typedMetavariable (genericType (attribute (attribute (identifier java) (identifier util)) (identifier List)) (identifier String)) (metavariable $X)))"
  )
}

@Test func javaBadMembersBecomeErrorsAndParsingGoesOn() throws {
  let source = "class A {\n  int x = ;\n  void f( { }\n  void g() { h(); }\n}\n"
  let tree = JavaParser.parse(source: source)
  #expect(!tree.warnings.isEmpty)
  let body = tree.child(tree.child(tree.root, 0), 3)
  try #require(body != SyntaxTree.absent)
  #expect(tree.childIDs(body).contains { tree[$0].kind == .error })
  let last = tree.childIDs(body).last.map { tree.sExpression($0) }
  #expect(
    last
      == "(functionDefinition _ (identifier g) (parameters) (identifier void) (block (expressionStatement (call (identifier h) (arguments)))) _)"
  )
}

let javaSample = """
  package demo;

  import java.io.*;
  import static java.util.Objects.requireNonNull;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public class Service<T extends Comparable<T>> implements Runnable {
    private static final String KEY = "k\\u00e9y";
    private final Map<String, List<T>> cache = new HashMap<>();

    public Service(Runtime runtime) throws IOException { this.runtime = runtime; }

    @Override
    public void run() {
      try (InputStream in = new FileInputStream("ü.txt")) {
        int n = in.read() >> 1 >>> 2;
        String s = switch (n) { case 1 -> "one"; default -> { yield "many"; } };
        Runnable r = () -> System.out.println(s + '\\n');
        cache.computeIfAbsent(KEY, k -> new ArrayList<>()).forEach(this::accept);
        if (s instanceof String t && !t.isEmpty()) { runtime.exec(new String[] {"sh", "-c", t}); }
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(e);
      }
      String text = \"\"\"
          multi "line"
          \"\"\";
    }
  }
  """

@Test func javaTruncatedFilesNeverCrash() {
  let bytes = Array(javaSample.utf8)
  for cut in 0...bytes.count {
    for mode in [false, true] {
      let tree = JavaParser.parse(
        SourceFile(path: "", bytes: Array(bytes[0..<cut])), patternMode: mode)
      #expect(tree[tree.root].end == Int32(cut))
    }
  }
  #expect(JavaParser.parse(source: javaSample).warnings.isEmpty)
}

@Test(arguments: 0..<4)
func javaRandomBytesNeverCrash(seed: Int) {
  var generator = SplitMix64(state: UInt64(seed) &* 104_729)
  let alphabet = Array("()[]{}<>:;,.=+-*/%@!?&|^~'\"\\\n \tabcxyz019_$ classnewifvoid->::...".utf8)
  for round in 0..<60 {
    let length = Int.random(in: 0..<1500, using: &generator)
    let bytes: [UInt8] = (0..<length).map { _ in
      round % 2 == 0
        ? UInt8.random(in: 0...255, using: &generator)
        : alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
    }
    for mode in [false, true] {
      let tree = JavaParser.parse(SourceFile(path: "", bytes: bytes), patternMode: mode)
      #expect(tree[tree.root].end == Int32(bytes.count))
    }
  }
}

@Test(arguments: [
  "class A { int x = " + String(repeating: "(", count: 10_000) + "1"
    + String(repeating: ")", count: 10_000) + "; }",
  "class A { void f() " + String(repeating: "{", count: 10_000) + " }",
  String(repeating: "[", count: 100_000),
  "class A { int x = " + String(repeating: "-", count: 10_000) + "1; }",
  "class A { Object x = a" + String(repeating: ".b", count: 10_000) + "; }",
  "class A { int x = 1" + String(repeating: " + 1", count: 10_000) + "; }",
  "class A { List<" + String(repeating: "List<", count: 10_000) + "T"
    + String(repeating: ">", count: 10_001) + " x; }",
  "class A { Object f = " + String(repeating: "x -> ", count: 5_000) + "1; }",
  String(repeating: "class A { ", count: 5_000),
])
func javaDeepNestingIsAnErrorNotACrash(_ source: String) {
  let tree = JavaParser.parse(source: source)
  #expect(!tree.warnings.isEmpty)
  #expect(tree[tree.root].end == Int32(source.utf8.count))
}

@Test func javaDeepButValidNestingMatches() throws {
  let source =
    "class A { void f() { x = " + String(repeating: "(", count: 60) + "g(a)"
    + String(repeating: ")", count: 60) + "; y = 1" + String(repeating: " + a", count: 900)
    + "; } }"
  let tree = JavaParser.parse(source: source)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  for text in ["g($X)", "<... a ...>", "$X = $Y;", "1 + a"] {
    let pattern = try PatternParser.parse(text, language: .java)
    #expect(!Matcher.matches(pattern, in: tree).isEmpty, "\(text)")
  }
}

@Test func javaLargeFileFinishes() {
  let copies = 3_000_000 / javaSample.utf8.count + 1
  let source = String(
    repeating: javaSample.replacingOccurrences(of: "package demo;", with: ""),
    count: copies)
  let tree = JavaParser.parse(source: source)
  #expect(tree.warnings.isEmpty)
  #expect(tree.childIDs(tree.root).count == copies * 3)
}
