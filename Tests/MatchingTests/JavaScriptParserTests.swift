import Foundation
import Rules
import Testing

@testable import Matching

/// One JavaScript or TypeScript statement and the tree it must give.
struct JSParseCase: CustomTestStringConvertible, Sendable {
  let source: String
  let tree: String
  var dialect: JavaScriptParser.Dialect = .javascript
  var testDescription: String { source }
}

let javaScriptParseCases: [JSParseCase] = [
  JSParseCase(
    source: "foo(1, ...a, 'b');",
    tree:
      "(expressionStatement (call (identifier foo) (arguments (number 1) (starArgument (identifier a)) (string b))))"
  ),
  JSParseCase(
    source: "const a = 1, [b, c] = d",
    tree: "(variableDeclaration (identifier a) (number 1))"),
  JSParseCase(
    source: "x = a.b[c]?.d(e)",
    tree:
      "(expressionStatement (assignment (identifier x) (call (attribute (subscript (attribute (identifier a) (identifier b)) (identifier c)) (identifier d)) (arguments (identifier e)))))"
  ),
  JSParseCase(
    source: "x += y ** 2 ?? z",
    tree:
      "(expressionStatement (augmentedAssignment:add (identifier x) (binaryOperation (binaryOperation:power (identifier y) (number 2)) (identifier z))))"
  ),
  JSParseCase(
    source: "a === b && !c || typeof d",
    tree:
      "(expressionStatement (booleanOperation:or (booleanOperation:and (comparison:is (identifier a) (identifier b)) (unaryOperation:not (identifier c))) (unaryKeyword (identifier d))))"
  ),
  JSParseCase(
    source: "let r = a / b / c",
    tree:
      "(variableDeclaration (identifier r) (binaryOperation:divide (binaryOperation:divide (identifier a) (identifier b)) (identifier c)))"
  ),
  JSParseCase(
    source: "let r = x.replace(/a\\/[/]b/g, '')",
    tree:
      "(variableDeclaration (identifier r) (call (attribute (identifier x) (identifier replace)) (arguments (regexLiteral) (string ))))"
  ),
  JSParseCase(
    source: "t = `a${b + `c${d}`}e`",
    tree:
      "(expressionStatement (assignment (identifier t) (templateLiteral (string a) (binaryOperation:add (identifier b) (templateLiteral (string c) (identifier d))) (string e))))"
  ),
  JSParseCase(
    source: "const f = async (a, {b}) => await g(a, b)",
    tree:
      "(variableDeclaration (identifier f) (lambda (parameters (parameter (identifier a) _ _) (parameter (dictionary (identifier b)) _ _)) (block (returnStatement (await (call (identifier g) (arguments (identifier a) (identifier b)))))) _))"
  ),
  JSParseCase(
    source: "h = function named(a) { delete a.b }",
    tree:
      "(expressionStatement (assignment (identifier h) (lambda (parameters (parameter (identifier a) _ _)) (block (expressionStatement (call (identifier delete) (arguments (attribute (identifier a) (identifier b)))))) _)))"
  ),
  JSParseCase(
    source: "x => { return x }",
    tree:
      "(expressionStatement (lambda (parameters (parameter (identifier x) _ _)) (block (returnStatement (identifier x))) _))"
  ),
  JSParseCase(
    source: "class A extends B { static n = 1; #p; get v() { return this.#p } }",
    tree:
      "(classDefinition _ (identifier A) (arguments (identifier B)) (block (assignment (identifier n) (number 1)) (expressionStatement (identifier #p)) (functionDefinition _ (identifier v) (parameters) _ (block (returnStatement (attribute (identifier this) (identifier #p)))))) _)"
  ),
  JSParseCase(
    source: "o = {a: 1, b, ...c, [d]: 2, m() {}}",
    tree:
      "(expressionStatement (assignment (identifier o) (dictionary (pair (identifier a) (number 1)) (identifier b) (starred (identifier c)) (pair (identifier d) (number 2)) (functionDefinition _ (identifier m) (parameters) _ (block)))))"
  ),
  JSParseCase(
    source: "new Foo.Bar(1)",
    tree:
      "(expressionStatement (newExpression (attribute (identifier Foo) (identifier Bar)) (arguments (number 1))))"
  ),
  JSParseCase(
    source: "for (const k of list) f(k)",
    tree:
      "(forStatement (identifier k) (identifier list) (block (expressionStatement (call (identifier f) (arguments (identifier k))))) _)"
  ),
  JSParseCase(
    source: "for (let i = 0; i < n; i++) {}",
    tree:
      "(jsFor (variableDeclaration (identifier i) (number 0)) (comparison:less (identifier i) (identifier n)) (update:add (identifier i)) (block))"
  ),
  JSParseCase(
    source: "try { a() } catch (e) { b(e) } finally { c() }",
    tree:
      "(tryStatement (block (expressionStatement (call (identifier a) (arguments)))) (exceptClauses (exceptClause _ (identifier e) (block (expressionStatement (call (identifier b) (arguments (identifier e))))))) _ (block (expressionStatement (call (identifier c) (arguments)))))"
  ),
  JSParseCase(
    source: "if (a) b(); else if (c) d()",
    tree:
      "(ifStatement (identifier a) (block (expressionStatement (call (identifier b) (arguments)))) (block (ifStatement (identifier c) (block (expressionStatement (call (identifier d) (arguments)))) _)))"
  ),
  JSParseCase(
    source: "switch (x) { case 1: y(); break; default: z() }",
    tree:
      "(switchStatement (identifier x) (caseClause (number 1) _ (block (expressionStatement (call (identifier y) (arguments))) (breakStatement))) (caseClause _ _ (block (expressionStatement (call (identifier z) (arguments))))))"
  ),
  JSParseCase(
    source: "import fs, { readFile as rf } from 'fs'",
    tree:
      "(importFrom (string fs) (importAlias (identifier ) (identifier fs)) (importAlias (identifier readFile) (identifier rf)))"
  ),
  JSParseCase(
    source: "export default function main() {}",
    tree: "(functionDefinition _ (identifier main) (parameters) _ (block))"),
  JSParseCase(
    source: "el = <div className=\"a\" {...rest}>Hi {name}<br/></div>",
    tree:
      "(expressionStatement (assignment (identifier el) (jsxElement (identifier div) (jsxAttributes (jsxAttribute (identifier className) (string a)) (starred (identifier rest))) (jsxChildren (jsxText) (identifier name) (jsxElement (identifier br) (jsxAttributes) (jsxChildren))))))"
  ),
  JSParseCase(
    source: "let v: Map<string, number[]> = new Map<string, number[]>()",
    tree:
      "(variableDeclaration (identifier v) (newExpression (identifier Map) (arguments)) (identifier Map))",
    dialect: .typescript),
  JSParseCase(
    source: "function f<T>(a: T, b?: string): Promise<T> { return g<T>(a as T)! }",
    tree:
      "(functionDefinition _ (identifier f) (parameters (parameter (identifier a) (identifier T) _) (parameter (identifier b) (identifier string) _)) (identifier Promise) (block (returnStatement (tsNonNull (call (identifier g) (arguments (tsCast (identifier a) (identifier T))) (tsTypeArguments (identifier T)))))))",
    dialect: .typescript),
  JSParseCase(
    source: "@Component({selector: 'x'}) class C { constructor(private s: S) {} }",
    tree:
      "(classDefinition (decorators (call (identifier Component) (arguments (dictionary (pair (identifier selector) (string x)))))) (identifier C) _ (block (functionDefinition _ (identifier constructor) (parameters (parameter (identifier s) (identifier S) _)) _ (block))) _)",
    dialect: .typescript),
  JSParseCase(
    source: "const x = <T>y",
    tree: "(variableDeclaration (identifier x) (tsCast (identifier y) (identifier T)))",
    dialect: .typescript),
  JSParseCase(
    source: "let u: A | B & C[] | keyof typeof d | 'e' | [F, G.H] | I[J] = v satisfies W",
    tree:
      "(variableDeclaration (identifier u) (tsSatisfies (identifier v) (identifier W)) (tsUnionType (tsUnionType (tsUnionType (tsUnionType (tsUnionType (identifier A) (tsIntersectionType (identifier B) (arrayType (identifier C)))) (unaryKeyword (unaryKeyword (identifier d)))) (string e)) (tsTupleType (identifier F) (attribute (identifier G) (identifier H)))) (subscript (identifier I) (identifier J))))",
    dialect: .typescript),
  JSParseCase(
    source: "let f: (a: string) => Promise<void>, o: { a: string }, c: T extends U ? X : Y",
    tree:
      "(variableDeclaration (identifier f) _ (tsFunctionType (parameters (parameter (identifier a) (identifier string) _)) (identifier Promise)))",
    dialect: .typescript),
  JSParseCase(
    source: "let o: { readonly a?: string; m(): void, [k: string]: unknown }",
    tree:
      "(variableDeclaration (identifier o) _ (dictionary (pair (identifier a) (identifier string)) (tsOpaqueType) (tsOpaqueType)))",
    dialect: .typescript),
  JSParseCase(
    source: "interface I<T> extends A, B<T> { m(): void; x: string }",
    tree: "(tsInterface (identifier I) (arguments (identifier A) (identifier B)))",
    dialect: .typescript),
  JSParseCase(
    source: "class C<T> extends B<T> implements I, J<T> {}",
    tree:
      "(classDefinition _ (identifier C) (arguments (identifier B)) (block) (superTypes (identifier I) (identifier J)))",
    dialect: .typescript),
  JSParseCase(
    source: "type P<T> = Partial<T> | null",
    tree: "(typeAlias (identifier P) (tsUnionType (identifier Partial) (constant null)))",
    dialect: .typescript),
  JSParseCase(
    source: "r = await get<T>(u) + api.get<T>(u) + (o as const)",
    tree:
      "(expressionStatement (assignment (identifier r) (binaryOperation:add (binaryOperation:add (call (await (identifier get)) (arguments (identifier u)) (tsTypeArguments (identifier T))) (call (attribute (identifier api) (identifier get)) (arguments (identifier u)))) (identifier o))))",
    dialect: .typescript),
  JSParseCase(
    source: "declare global { interface W {} }",
    tree: "(block (tsInterface (identifier W) _))",
    dialect: .typescript),
  JSParseCase(
    source: "const f = async <T>(x: T): Promise<T> => x",
    tree:
      "(variableDeclaration (identifier f) (lambda (parameters (parameter (identifier x) (identifier T) _)) (block (returnStatement (identifier x))) (identifier Promise)))",
    dialect: .typescript),
  JSParseCase(
    source: "class K { x: number = 1; y?: string; z = 2 }",
    tree:
      "(classDefinition _ (identifier K) _ (block (annotatedAssignment (identifier x) (identifier number) (number 1)) (annotatedAssignment (identifier y) (identifier string) _) (assignment (identifier z) (number 2))) _)",
    dialect: .typescript),
]

@Test(arguments: javaScriptParseCases)
func parsesJavaScriptStatement(_ example: JSParseCase) {
  let tree = JavaScriptParser.parse(source: example.source, dialect: example.dialect)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  let first = tree.child(tree.root, 0)
  #expect(tree.sExpression(first) == example.tree)
}

@Test func typeDeclarationsAreStatementsAndSignaturesAreNot() {
  let source = """
    interface A { b: string }
    type C<T> = T | null;
    enum D { E }
    function g(a: string): void;
    declare function h(): void;
    export = g;
    f();
    """
  let tree = JavaScriptParser.parse(source: source, dialect: .typescript)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  #expect(
    tree.childIDs(tree.root).map { tree[$0].kind } == [
      .tsInterface, .typeAlias, .expressionStatement,
    ])
}

@Test func typesAreFlaggedSoOnlyTypesMatchThem() throws {
  let tree = JavaScriptParser.parse(source: "let a: Foo = b as Bar;", dialect: .typescript)
  let flagged = tree.order.filter { tree[$0].flags & JavaScriptFlags.typeNode != 0 }
  #expect(flagged.map { tree.text(of: $0) } == ["Bar", "Foo"])
  for text in ["Foo", "$X", "<... Bar ...>"] {
    let pattern = try PatternParser.parse(text, language: .typescript)
    let bound = Matcher.matches(pattern, in: tree).map { $0.bindings["$X"]?.text ?? "" }
    #expect(!bound.contains("Foo") && !bound.contains("Bar"), "\(text): \(bound)")
  }
}

@Test func semicolonsAreInsertedAtLineBreaks() {
  let tree = JavaScriptParser.parse(source: "a = 1\nb = 2\nreturn\nc\n")
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  #expect(tree.childIDs(tree.root).count == 4)
}

@Test func importsAndRequiresMakeAliases() {
  let source = """
    import * as cp from "child_process";
    import { exec as run, spawn } from "child_process";
    import def from "child_process";
    const p = require("child_process");
    const { execSync, execFile: ef } = require("child_process");
    const e2 = require("child_process").exec;
    """
  let tree = JavaScriptParser.parse(source: source)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  #expect(
    tree.importAliases == [
      "cp": "child_process", "run": "child_process.exec", "spawn": "child_process.spawn",
      "p": "child_process", "execSync": "child_process.execSync",
      "ef": "child_process.execFile", "e2": "child_process.exec",
    ])
}

@Test func patternOperatorsParse() throws {
  let cases: [(String, String)] = [
    (
      "foo(..., $X, ...)",
      "(call (identifier foo) (arguments (ellipsis) (metavariable $X) (ellipsis)))"
    ),
    (
      "{..., a: $V, ...}",
      "(dictionary (ellipsis) (pair (identifier a) (metavariable $V)) (ellipsis))"
    ),
    ("f($...ARGS)", "(call (identifier f) (arguments (ellipsisMetavariable $...ARGS)))"),
    (
      "g(<... $R.query ...>)",
      "(call (identifier g) (arguments (deepExpression (attribute (metavariable $R) (identifier query)))))"
    ),
    ("`...${$X}...`", "(templateLiteral (string ...) (metavariable $X) (string ...))"),
  ]
  for (text, expected) in cases {
    let tree = JavaScriptParser.parse(
      SourceFile(path: "", text: text), dialect: .javascript, patternMode: true)
    #expect(tree.warnings.isEmpty, "\(text): \(tree.warnings)")
    let statement = tree.child(tree.root, 0)
    #expect(tree.sExpression(tree.child(statement, 0)) == expected, "\(text)")
  }
  let statements = try PatternParser.parse(
    "const $X = f();\n...\n$X.close();", language: .javascript)
  guard case .tree(_, .statements(let list)) = statements.storage else {
    Issue.record("a statement sequence should stay statements")
    return
  }
  #expect(list.count == 3)
}

@Test func typedMetavariablesParseWithTheirTypes() throws {
  let pattern = try PatternParser.parse("foo(($X: Foo.Bar[]))", language: .typescript)
  guard case .tree(let tree, _) = pattern.storage else {
    Issue.record("a typed metavariable should be a tree pattern")
    return
  }
  let call = tree.child(tree.child(tree.root, 0), 0)
  #expect(
    tree.sExpression(call)
      == "(call (identifier foo) (arguments (typedMetavariable (arrayType (attribute (identifier Foo) (identifier Bar))) (metavariable $X))))"
  )
  // The type need not be written where a literal has it.
  #expect(
    try PatternParser.parse("foo(($X: string))", language: .typescript).requiredWords == ["foo"])
}

/// Each pattern with a type and the code lines (1-based) of `typedSource` it must match.
let typedMetavariableCases: [(String, [Int])] = [
  ("sink(($X: string))", [3, 4, 7, 9, 12, 13]),
  ("sink(($X: number))", [5, 10]),
  ("sink(($X: boolean))", [6]),
  ("sink(($X: Client))", [8, 11]),
  ("sink(($X: Client[]))", [14]),
]

let typedSource = """
  let name: string = read();
  function use(p: string, q) {
    sink(name);
    sink(p);
    sink(1.5);
    sink(p === q);
    sink("lit");
    sink(new Client());
    sink(q as string);
    const n = 2; sink(n);
    const c = new net.Client(); sink(c);
    const s = "a" + "b"; sink(s);
    const t = s; sink(t);
    let all: Client[] = []; sink(all);
    sink(q); sink(`t`); sink(-1); sink(x instanceof Client); sink(name!);
  }
  """

@Test(arguments: typedMetavariableCases)
func typedMetavariablesMatchTheTypesTheFileStates(_ example: (String, [Int])) throws {
  let tree = JavaScriptParser.parse(source: typedSource, dialect: .typescript)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
  let pattern = try PatternParser.parse(example.0, language: .typescript)
  let lines = Matcher.matches(pattern, in: tree).map(\.range.start.line)
  #expect(Array(Set(lines)).sorted() == example.1, "\(example.0)")
}

@Test func aNameIsTypedByItsLatestDeclarationInTheInnermostFunction() throws {
  let source = """
    let a: string = "x";
    function f() { sink(a); let a: number = 1; sink(a); }
    function g(a: number) { sink(a); }
    const h = (a) => sink(a);
    sink(a);
    """
  let tree = JavaScriptParser.parse(source: source, dialect: .typescript)
  let pattern = try PatternParser.parse("sink(($X: string))", language: .typescript)
  let found = Matcher.matches(pattern, in: tree).map {
    ($0.range.start.line, $0.range.start.column)
  }
  #expect(found.map(\.0) == [2, 5])
  #expect(found.first?.1 == 16)
}

@Test func badStatementsBecomeErrorsAndParsingContinues() {
  let source = "a = (;\nfunction f( {\n}\nconst ok = 1;\nclass { x = }\nlast();\n"
  let tree = JavaScriptParser.parse(source: source)
  #expect(!tree.warnings.isEmpty)
  let kinds = tree.childIDs(tree.root).map { tree[$0].kind }
  #expect(kinds.contains(.error))
  #expect(kinds.last == .expressionStatement)
  #expect(kinds.contains(.variableDeclaration))
}

let javaScriptSample = """
  import React, { useState } from "react";
  const { exec } = require("child_process");

  /** A doc comment with 'quotes' and ü. */
  export default class Widget extends React.Component {
    static defaultProps = { size: 2 };
    #secret = null;
    async load(url, { retries = 3, ...rest } = {}) {
      for (let i = 0; i < retries; i++) {
        try {
          const res = await fetch(`${url}?page=${i}&q=${encodeURIComponent(rest.q ?? "")}`);
          if (!res.ok) throw new Error(`bad: ${res.status}`);
          return res.json();
        } catch (e) {
          console.error(e?.message, /[a-z]+\\/x/gi.test(e.stack));
        } finally {
          this.#secret = i > 1 ? i / 2 : -i;
        }
      }
    }
    render() {
      const [n, setN] = useState(0);
      return (
        <div className="w" onClick={() => setN(n + 1)}>
          {n > 0 && <span>{`count ${n}`}</span>}
          Don't click me
        </div>
      );
    }
  }
  label: while (true) { do { break label; } while (false) }
  switch (typeof x) { case "a": exec(x); break; default: void 0 }

  """

@Test func sampleParsesCleanly() {
  let tree = JavaScriptParser.parse(source: javaScriptSample)
  #expect(tree.warnings.isEmpty, "\(tree.warnings)")
}

@Test(arguments: [JavaScriptParser.Dialect.javascript, .typescript, .tsx])
func truncatedJavaScriptNeverCrashes(_ dialect: JavaScriptParser.Dialect) {
  let bytes = Array(javaScriptSample.utf8)
  for cut in stride(from: 0, through: bytes.count, by: 2) {
    let tree = JavaScriptParser.parse(
      SourceFile(path: "", bytes: Array(bytes[0..<cut])), dialect: dialect, patternMode: false)
    #expect(tree[tree.root].end == Int32(cut))
  }
}

@Test(arguments: 0..<4)
func randomBytesNeverCrashJavaScript(seed: Int) {
  var generator = SplitMix64(state: UInt64(seed) &* 104_729)
  let alphabet = Array(
    "()[]{}:;,.=+-*/%@<>!?'\"`$\\#\n\n  \tabcxyz019_ifclassreturnforasync=>/".utf8)
  for round in 0..<60 {
    let length = Int.random(in: 0..<1500, using: &generator)
    let bytes: [UInt8] = (0..<length).map { _ in
      round % 2 == 0
        ? UInt8.random(in: 0...255, using: &generator)
        : alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
    }
    for dialect in [JavaScriptParser.Dialect.javascript, .typescript] {
      for mode in [false, true] {
        let tree = JavaScriptParser.parse(
          SourceFile(path: "", bytes: bytes), dialect: dialect, patternMode: mode)
        #expect(tree[tree.root].end == Int32(bytes.count))
      }
    }
  }
}

@Test(arguments: [
  String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
  String(repeating: "[", count: 10_000),
  String(repeating: "{", count: 10_000),
  "x = " + String(repeating: "-", count: 10_000) + "1",
  "x = " + String(repeating: "`${", count: 5_000),
  "x = " + String(repeating: "<a>", count: 5_000),
  String(repeating: "a => ", count: 5_000) + "1",
  "x = " + String(repeating: "f(", count: 10_000),
  "if (a) {} " + String(repeating: "else if (b) {} ", count: 5_000),
  "let x: " + String(repeating: "(", count: 10_000),
  "let x: " + String(repeating: "[", count: 10_000),
  "let x: " + String(repeating: "keyof ", count: 10_000) + "T",
  "let x: " + String(repeating: "A<", count: 10_000),
  "f(" + String(repeating: "x as ", count: 10_000),
])
func deepJavaScriptNestingIsAnErrorNotACrash(_ source: String) {
  for dialect in [JavaScriptParser.Dialect.javascript, .typescript] {
    let tree = JavaScriptParser.parse(source: source, dialect: dialect)
    #expect(!tree.warnings.isEmpty)
    #expect(tree[tree.root].end == Int32(source.utf8.count))
  }
}

@Test func longFlatChainsParse() {
  let sources = [
    "x = 1" + String(repeating: " + a", count: 20_000),
    "x = a" + String(repeating: ".b", count: 5_000),
    "x = 1" + String(repeating: " < a", count: 20_000),
  ]
  for source in sources {
    let tree = JavaScriptParser.parse(source: source, dialect: .typescript)
    #expect(tree.warnings.isEmpty)
  }
}

@Test func largeJavaScriptFileFinishes() {
  let copies = 3_000_000 / javaScriptSample.utf8.count + 1
  let source = String(repeating: javaScriptSample, count: copies)
  let tree = JavaScriptParser.parse(source: source)
  #expect(tree.warnings.isEmpty)
  #expect(tree.childIDs(tree.root).count == copies * 5)
}

@Test func multibyteColumnsInFindings() throws {
  let source = "const s = \"é✓\"; eval(𝔵);\n"
  let tree = JavaScriptParser.parse(source: source)
  let pattern = try PatternParser.parse("eval($X)", language: .javascript)
  let found = Matcher.matches(pattern, in: tree)
  #expect(found.count == 1)
  #expect(found.first?.range.start.column == 17)
  #expect(found.first?.bindings["$X"]?.text == "𝔵")
}

@Test(arguments: [
  "foo(($X: $T))", "foo(($X: string | null))", "let $X: { m(): void } = $V;",
  "let $X: { [K in keyof $T]: string } = $V;",
  "let $X: T extends U ? A : B = $V;",
  "foo(($X: \"a\"))", "const $F = ($A): { (x: number): string } => $A;",
  "try { ... } catch ($E: any) { ... }",
  "foo<Bar>`x`", "class $C { [$K: string]: any; }", "let $X: `a${string}` = $V;",
])
func typeScriptPatternsWithUnmatchedTypeFormsGoToSemgrep(_ text: String) {
  do {
    _ = try PatternParser.parse(text, language: .typescript)
    Issue.record("\(text) should be unsupported")
  } catch {
    guard case .unsupported = error else {
      Issue.record("\(text): \(error)")
      return
    }
  }
}

@Test func compoundAssignmentsAlsoReadAsAssignments() throws {
  let tree = JavaScriptParser.parse(source: "el.innerHTML += html;\nn = 1;\nn -= 1;\n")
  let pattern = try PatternParser.parse("$E.innerHTML = $V", language: .javascript)
  let found = Matcher.matches(pattern, in: tree)
  #expect(found.map(\.range.start.line) == [1])
  #expect(found.first?.bindings["$V"]?.text == "el.innerHTML += html")
}

/// The type bit is `NodeFlags.raw` on other languages' strings: raw strings still match.
@Test func theTypeBitLeavesRawStringsOfOtherLanguagesAlone() throws {
  let source = "import re\nre.compile(r\"\\d+\")\n"
  let tree = LanguageParsers.parse(
    SourceFile(path: "", text: source), language: .python, patternMode: false)
  let pattern = try PatternParser.parse("re.compile(\"...\")", language: .python)
  #expect(Matcher.matches(pattern, in: tree).map(\.range.start.line) == [2])
}
