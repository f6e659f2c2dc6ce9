import Rules
import Testing

@testable import Matching

let configText = """
  server {
    listen 443 ssl;
    location / {
      proxy_pass $scheme://backend;
      allow all;
    }
    password = "hunter2"
    password = secret_from(env)
  }
  FROM ubuntu:latest
  RUN curl http://x.sh | bash
  RUN apt-get install -y \\
      curl

  """

/// A generic pattern and the spans it must match: (start line, column, end line, column).
struct GenericCase: CustomTestStringConvertible, Sendable {
  let pattern: String
  let spans: [[Int]]
  var testDescription: String { pattern }
}

// Expected spans are what semgrep 1.185 reports for the same pattern and text.
let genericCases: [GenericCase] = [
  GenericCase(pattern: "proxy_pass $$SCHEME:// ...;", spans: [[4, 5, 4, 34]]),
  GenericCase(pattern: "password = \"...\"", spans: [[7, 3, 7, 23]]),
  GenericCase(pattern: "location / { ... }", spans: [[3, 3, 6, 4]]),
  GenericCase(pattern: "RUN curl ... | bash", spans: [[11, 1, 11, 28]]),
  GenericCase(pattern: "FROM $IMG:latest", spans: [[10, 1, 10, 19]]),
  GenericCase(pattern: "allow $X;", spans: [[5, 5, 5, 15]]),
  GenericCase(pattern: "server { ... allow all; ... }", spans: [[1, 1, 6, 4]]),
  GenericCase(pattern: "listen ... ;", spans: [[2, 3, 2, 18]]),
  GenericCase(pattern: "$A = $A", spans: []),
  GenericCase(pattern: "apt-get install ... curl", spans: [[12, 5, 13, 9]]),
  GenericCase(pattern: "proxy_pass ... password", spans: []),
  GenericCase(pattern: "listen ... allow", spans: [[2, 3, 5, 10]]),
  GenericCase(pattern: "location ... password", spans: [[3, 3, 7, 11]]),
  GenericCase(pattern: "$X = secret_from(...)", spans: [[8, 3, 8, 30]]),
  GenericCase(pattern: "bash", spans: [[11, 24, 11, 28]]),
]

@Test(arguments: genericCases)
func genericModeMatchesLikeSemgrep(_ example: GenericCase) throws {
  let pattern = try PatternParser.parse(example.pattern, language: .generic)
  let spans = try Matcher.matches(pattern, inText: configText).map {
    [$0.range.start.line, $0.range.start.column, $0.range.end.line, $0.range.end.column]
  }
  #expect(spans == example.spans)
}

@Test func genericBindingsAndMultibyteColumns() throws {
  let pattern = try PatternParser.parse("user = $NAME ; $...REST end", language: .generic)
  let found = try Matcher.matches(pattern, inText: "ü é user = bob ; a (b) c end\n")
  try #require(found.count == 1)
  #expect(found[0].range.start.column == 5)
  #expect(found[0].bindings["$NAME"]?.text == "bob")
  // semgrep binds what an ellipsis skipped from the end of the token before it.
  #expect(found[0].bindings["$...REST"]?.text == " a (b) c")
}

@Test func genericEllipsisReachesTenLines() throws {
  let pattern = try PatternParser.parse("begin ... end", language: .generic)
  let near = "begin\n" + String(repeating: "x\n", count: 9) + "end\n"
  let far = "begin\n" + String(repeating: "x\n", count: 12) + "end\n"
  #expect(try Matcher.matches(pattern, inText: near).count == 1)
  #expect(try Matcher.matches(pattern, inText: far).isEmpty)
}

@Test func regexMatchesLinesAndBindsGroups() throws {
  let pattern = try PatternParser.parse("^password\\s*=\\s*\"(\\w+)\"", language: .regex)
  let found = try Matcher.matches(
    pattern, inText: "é\npassword = \"hunter2\"\n  password = \"x\"\n")
  try #require(found.count == 1)
  #expect(found[0].range.start.line == 2)
  #expect(found[0].range.end.column == 21)
  #expect(found[0].bindings["$1"]?.text == "hunter2")
  #expect(found[0].bindings["$1"]?.range.start.offset == Array("é\npassword = \"".utf8).count)
}

@Test func invalidRegexIsAnError() {
  #expect(throws: MatchingError.self) { try PatternParser.parse("(unclosed", language: .regex) }
}

@Test func randomTextNeverBreaksGenericMode() throws {
  var generator = SplitMix64(state: 42)
  let pattern = try PatternParser.parse("a ... ( $X ... ) $...Y b", language: .generic)
  for _ in 0..<50 {
    let bytes = (0..<2000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let found = Matcher.matches(
      pattern, in: PythonParser.parse(SourceFile(path: "", bytes: bytes), patternMode: false))
    #expect(
      found.allSatisfy {
        $0.range.start.offset < $0.range.end.offset && $0.range.end.offset <= bytes.count
      })
  }
}

/// Several ellipses over text full of near misses finish (each failed state is tried once).
@Test func manyEllipsesStayPolynomial() throws {
  let pattern = try PatternParser.parse("a ... b ... c ... d ... e ... f", language: .generic)
  let text = String(repeating: "a b c d e a b c d\n", count: 2000)
  #expect(try Matcher.matches(pattern, inText: text).isEmpty)
  let withEnd = text + "e f\n"
  #expect(try Matcher.matches(pattern, inText: withEnd).count == 1)
}
