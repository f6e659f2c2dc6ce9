import Rules
import Testing

@testable import Matching

/// A pattern, code whose matching lines end with the marker `# ✓`, and a name for reports.
struct MatchCase: CustomTestStringConvertible, Sendable {
  let name: String
  let pattern: String
  let code: String

  var testDescription: String { name }

  /// Lines that carry the marker: where matches must start.
  var expectedLines: [Int] {
    code.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .filter { $0.element.hasSuffix("# ✓") }.map { $0.offset + 1 }
  }
}

func startLines(_ pattern: String, _ code: String) throws -> [Int] {
  let compiled = try PatternParser.parse(pattern, language: .python)
  let tree = PythonParser.parse(source: code)
  return Array(Set(Matcher.matches(compiled, in: tree).map(\.range.start.line))).sorted()
}

let matchCases: [MatchCase] = [
  MatchCase(
    name: "call with any arguments", pattern: "os.system(...)",
    code: """
      os.system("ls")  # ✓
      os.system()  # ✓
      os.popen("ls")
      x = "os.system(1)"
      # os.system(2)
      """),
  MatchCase(
    name: "metavariable binds the same code twice", pattern: "$X == $X",
    code: """
      if a.b == a.b:  # ✓
          pass
      if a == b:
          pass
      ok = f(1) == f(1)  # ✓
      """),
  MatchCase(
    name: "ellipsis before and after a keyword argument",
    pattern: "requests.get(..., verify=False, ...)",
    code: """
      requests.get(url, verify=False)  # ✓
      requests.get(url, timeout=3, verify=False, stream=True)  # ✓
      requests.get(url, verify=True)
      requests.get(url)
      """),
  MatchCase(
    name: "keyword arguments in any order", pattern: "f(a=1, b=$B)",
    code: """
      f(b=2, a=1)  # ✓
      f(a=1, b=3)  # ✓
      f(a=1)
      f(a=1, b=2, c=3)
      """),
  MatchCase(
    name: "positional arguments are exact without an ellipsis", pattern: "f($X, 2)",
    code: """
      f(1, 2)  # ✓
      f(1, 2, 3)
      f(2)
      """),
  MatchCase(
    name: "ellipsis metavariable takes the remaining arguments", pattern: "g($...ARGS, last)",
    code: """
      g(last)  # ✓
      g(a, b, last)  # ✓
      g(a, b)
      """),
  MatchCase(
    name: "expression inside statements", pattern: "eval(...)",
    code: """
      x = eval(data)  # ✓
      return_value = [eval(a) for a in b]  # ✓
      def f():
          return eval(x)  # ✓
      if eval(y):  # ✓
          pass
      """),
  MatchCase(
    name: "method over an attribute chain", pattern: "$O.execute($Q)",
    code: """
      self.db.cursor().execute(query)  # ✓
      cursor.execute(q, params)
      execute(q)
      """),
  MatchCase(
    name: "deep expression", pattern: "print(<... secret ...>)",
    code: """
      print(secret)  # ✓
      print("x" + str(secret.value))  # ✓
      print(public)
      """),
  MatchCase(
    name: "any string", pattern: "hashlib.md5(\"...\")",
    code: """
      hashlib.md5("abc")  # ✓
      hashlib.md5(b'raw')  # ✓
      hashlib.md5(f"{x}")
      hashlib.md5(data)
      """),
  MatchCase(
    name: "string content bound and compared", pattern: "set_password(\"$P\", \"$P\")",
    code: """
      set_password("a", 'a')  # ✓
      set_password("a", "b")
      """),
  MatchCase(
    name: "import alias resolves", pattern: "subprocess.call(...)",
    code: """
      import subprocess as sp
      from subprocess import call
      sp.call(["ls"])  # ✓
      call("ls")  # ✓
      subprocess.call(x)  # ✓
      other.call(x)
      """),
  MatchCase(
    name: "dotted import alias", pattern: "a.b.x()",
    code: """
      import a.b as c
      c.x()  # ✓
      c.y()
      """),
  MatchCase(
    name: "statement sequence with an ellipsis", pattern: "$F = open(...)\n...\n$F.close()",
    code: """
      def ok():
          fh = open(p)  # ✓
          data = fh.read()
          fh.close()
      def other():
          fh = open(p)
          gh.close()
      """),
  MatchCase(
    name: "ellipsis does not leave its block", pattern: "a()\n...\nb()",
    code: """
      def f():
          a()
      b()
      """),
  MatchCase(
    name: "function definition with an ellipsis body",
    pattern: "def $F(..., password=$D, ...):\n    ...",
    code: """
      def login(user, password="hunter2"):  # ✓
          check(user)
      def logout(user):
          pass
      @decorated  # ✓
      def signup(password=None):
          pass
      """),
  MatchCase(
    name: "class definition", pattern: "class $C(Exception):\n    ...",
    code: """
      class Boom(Exception):  # ✓
          pass
      class Fine(object):
          pass
      """),
  MatchCase(
    name: "return statement", pattern: "return $X == None",
    code: """
      def f(v):
          return v == None  # ✓
      def g(v):
          return v is None
      """),
  MatchCase(
    name: "assignment", pattern: "$X = pickle.loads(...)",
    code: """
      obj = pickle.loads(blob)  # ✓
      pickle.loads(blob)
      """),
  MatchCase(
    name: "decorator", pattern: "@app.route(...)\ndef $F(...):\n    ...",
    code: """
      @login_required  # ✓
      @app.route("/é")
      def index():
          return "ü"
      def plain():
          pass
      """),
  MatchCase(
    name: "if with an optional else", pattern: "if $C:\n    ...",
    code: """
      if a:  # ✓
          x()
      else:
          y()
      """),
  MatchCase(
    name: "with statement", pattern: "with open($P) as $F:\n    ...",
    code: """
      with open("f") as fh:  # ✓
          fh.read()
      with open("g"):
          pass
      """),
  MatchCase(
    name: "optional parameter parts", pattern: "def $F($X):\n    ...",
    code: """
      def g(x: int = 3):  # ✓
          pass
      def h(x, y):
          pass
      """),
  MatchCase(
    name: "comments and strings are not code", pattern: "dangerous()",
    code: """
      # dangerous()
      s = "dangerous()"
      t = '''
      dangerous()
      '''
      dangerous()  # ✓
      """),
  MatchCase(
    name: "anonymous metavariable binds nothing", pattern: "f($_, $_)",
    code: """
      f(1, 2)  # ✓
      f(1)
      """),
  MatchCase(
    name: "f-string field", pattern: "cursor.execute(f\"...\")",
    code: """
      cursor.execute(f"select {x}")  # ✓
      cursor.execute("select 1")
      cursor.execute(x)
      """),
  MatchCase(
    name: "binary operators keep their precedence", pattern: "$A + $B * $C",
    code: """
      x = a + b * c  # ✓
      y = (a + b) * c
      """),
  MatchCase(
    name: "ellipsis in parameters", pattern: "def $F(self, ...):\n    ...",
    code: """
      class K:
          def m(self, a, b):  # ✓
              pass
          def n(cls):
              pass
      """),
  MatchCase(
    name: "ellipsis metavariable in a statement sequence",
    pattern: "try:\n    $...BODY\nexcept:\n    pass",
    code: """
      try:  # ✓
          a()
          b()
      except:
          pass
      try:
          a()
      except ValueError:
          pass
      """),
  MatchCase(
    name: "ellipsis reaches a statement nested later in the block",
    pattern: "setup()\n...\nteardown()",
    code: """
      def f():
          setup()  # ✓
          if x:
              teardown()
      """),
  MatchCase(
    name: "chained and tuple assignment", pattern: "$X = $Y",
    code: """
      a = b = c  # ✓
      d, e = 1, 2  # ✓
      f: int = 3  # ✓
      h: int
      g += 1
      """),
  MatchCase(
    name: "a bare function does not match a method", pattern: "foo(...)",
    code: """
      obj.foo()
      foo()  # ✓
      """),
  MatchCase(
    name: "any callee", pattern: "$F(1)",
    code: """
      a(1)  # ✓
      b.c(1)  # ✓
      d(2)
      """),
  MatchCase(
    name: "import statements", pattern: "import os",
    code: """
      import os  # ✓
      import os as o  # ✓
      import sys, os  # ✓
      import sys
      """),
  MatchCase(
    name: "from import with metavariables", pattern: "from $M import $N",
    code: """
      from a import b  # ✓
      from a import b as c  # ✓
      from a import b, c  # ✓
      """),
  MatchCase(
    name: "nested method calls", pattern: "$X.get(...)",
    code: """
      a.get(b.get(1))  # ✓
      """),
  MatchCase(
    name: "inside lambdas and f-string fields", pattern: "eval(...)",
    code: """
      f = lambda s: eval(s)  # ✓
      g = f"{eval(x)}"  # ✓
      """),
  MatchCase(
    name: "if with else needs an else", pattern: "if $X:\n    ...\nelse:\n    ...",
    code: """
      if a:
          pass
      if b:  # ✓
          pass
      else:
          pass
      if c:  # ✓
          pass
      elif d:
          pass
      """),
  MatchCase(
    name: "equality is not commutative", pattern: "$X == None",
    code: """
      a == None  # ✓
      None == a
      """),
  MatchCase(
    name: "boolean chains", pattern: "$A and $B",
    code: """
      x = a and b  # ✓
      y = a and b and c  # ✓
      """),
  MatchCase(
    name: "star arguments", pattern: "f(*$ARGS, **$KW)",
    code: """
      f(*a, **k)  # ✓
      f(*a)
      """),
  MatchCase(
    name: "dictionary entries", pattern: "{..., \"debug\": True, ...}",
    code: """
      config = {"name": "x", "debug": True}  # ✓
      other = {"debug": False}
      """),
  MatchCase(
    name: "augmented assignment", pattern: "$X += 1",
    code: """
      i += 1  # ✓
      i -= 1
      """),
  MatchCase(
    name: "assert with and without message", pattern: "assert $X",
    code: """
      assert a  # ✓
      assert b, "message"
      """),
  MatchCase(
    name: "raise with a cause", pattern: "raise $E",
    code: """
      raise ValueError()  # ✓
      raise KeyError() from e  # ✓
      """),
  MatchCase(
    name: "except clause names", pattern: "try:\n    ...\nexcept $E:\n    ...",
    code: """
      try:
          a()
      except ValueError as e:
          pass
      try:  # ✓
          a()
      except ValueError:
          pass
      """),
  MatchCase(
    name: "string quotes do not matter", pattern: "f(\"abc\")",
    code: """
      f("abc")  # ✓
      f('abc')  # ✓
      f("abd")
      """),
  MatchCase(
    name: "deep expression in a condition", pattern: "if <... request ...>:\n    ...",
    code: """
      if check(request.args):  # ✓
          pass
      if other:
          pass
      """),
  MatchCase(
    name: "methods and functions", pattern: "def $F(...):\n    ...",
    code: """
      def top():  # ✓
          pass
      class K:
          def method(self):  # ✓
              pass
      """),
  MatchCase(
    name: "from import of a module", pattern: "os.path.join(...)",
    code: """
      from os import path
      path.join(a, b)  # ✓
      """),
  MatchCase(
    name: "method name metavariable", pattern: "$O.$M(secret)",
    code: """
      log.info(secret)  # ✓
      print(secret)
      """),
  MatchCase(
    name: "keyword argument value", pattern: "subprocess.run(..., shell=True, ...)",
    code: """
      subprocess.run(cmd, shell=True)  # ✓
      subprocess.run(cmd, shell=False)
      subprocess.run(cmd)
      """),
  MatchCase(
    name: "subscript", pattern: "$X[\"password\"]",
    code: """
      a = form["password"]  # ✓
      b = form["user"]
      """),
  MatchCase(
    name: "return of a value", pattern: "return $X",
    code: """
      def f():
          return 1  # ✓
      def g():
          return
      """),
  MatchCase(
    name: "yield and await", pattern: "await $X",
    code: """
      async def f():
          await g()  # ✓
          yield h()
      """),
  MatchCase(
    name: "statements in a function body", pattern: "def $F(...):\n    ...\n    return $X",
    code: """
      def f():  # ✓
          a = 1
          return a
      def g():
          return
      """),
  MatchCase(
    name: "inside a match statement", pattern: "eval(...)",
    code: """
      match command:
          case "run" if ready:
              eval(x)  # ✓
          case _:
              pass
      match = eval  # a name, not a statement
      """),
  MatchCase(
    name: "conditional expression", pattern: "$A if $C else $B",
    code: """
      x = a if c else b  # ✓
      y = a or b
      """),
  MatchCase(
    name: "comprehension", pattern: "[$E for $V in $L]",
    code: """
      xs = [f(v) for v in items]  # ✓
      ys = [f(v) for v in items if v]
      """),
  MatchCase(
    name: "list with an ellipsis", pattern: "[..., \"*\", ...]",
    code: """
      allowed = ["a", "*"]  # ✓
      denied = ["a", "b"]
      """),
  MatchCase(
    name: "global statement", pattern: "global $X",
    code: """
      def f():
          global counter  # ✓
      """),
  MatchCase(
    name: "number literal", pattern: "os.chmod($P, 0o777)",
    code: """
      os.chmod(path, 0o777)  # ✓
      os.chmod(path, 0o755)
      """),
  MatchCase(
    name: "expression inside a with item", pattern: "open(...)",
    code: """
      with open(p) as fh:  # ✓
          pass
      """),
  MatchCase(
    name: "method name metavariable with a keyword argument",
    pattern: "requests.$M(..., verify=False)",
    code: """
      requests.post(url, data=d, verify=False)  # ✓
      requests.get(url, verify=True)
      """),
  MatchCase(
    name: "extra keyword arguments need an ellipsis", pattern: "yaml.load($X)",
    code: """
      yaml.load(data)  # ✓
      yaml.load(data, Loader=SafeLoader)
      """),
  MatchCase(
    name: "def pattern and async def", pattern: "def $F(...):\n    ...",
    code: """
      async def handler(request):  # ✓
          pass
      def other():  # ✓
          pass
      """),
  MatchCase(
    name: "async def pattern and def", pattern: "async def $F(...):\n    ...",
    code: """
      def handler(request):
          pass
      async def other():  # ✓
          pass
      """),
  MatchCase(
    name: "format on a string literal", pattern: "\"...\".format(...)",
    code: """
      q = "select {}".format(x)  # ✓
      r = template.format(x)
      """),
  MatchCase(
    name: "ellipsis then a metavariable in arguments", pattern: "f(..., $LAST)",
    code: """
      f(1, 2, 3)  # ✓
      f()
      """),
  MatchCase(
    name: "parenthesized code", pattern: "a + b",
    code: """
      x = (a + b)  # ✓
      y = (a) + (b)  # ✓
      """),
  MatchCase(
    name: "import of a dotted module into a metavariable", pattern: "import $M",
    code: """
      import a.b  # ✓
      import c  # ✓
      from d import e  # ✓
      """),
  MatchCase(
    name: "assignment then use", pattern: "$X = request.args.get(...)\n...\neval($X)",
    code: """
      def view():
          q = request.args.get("q")  # ✓
          log(q)
          eval(q)
      def safe():
          q = request.args.get("q")
          eval(other)
      """),
  MatchCase(
    name: "keyword arguments beside a double-star argument", pattern: "f(x=1)",
    code: """
      f(x=1, **kw)
      f(x=1)  # ✓
      """),
  MatchCase(
    name: "class body with a method",
    pattern: "class $C:\n    ...\n    def __init__(self):\n        ...",
    code: """
      class A:  # ✓
          x = 1
          def __init__(self):
              pass
      class B:
          def other(self):
              pass
      """),
  MatchCase(
    name: "bare return", pattern: "return",
    code: """
      def f():
          return  # ✓
      def g():
          return 1
      """),
  MatchCase(
    name: "not", pattern: "not $X.is_valid()",
    code: """
      if not form.is_valid():  # ✓
          pass
      """),
  MatchCase(
    name: "awaited method call", pattern: "await $X.$M(...)",
    code: """
      async def f():
          await session.execute(q)  # ✓
          session.close()
      """),
  MatchCase(
    name: "concatenated strings against one literal", pattern: "f(\"ab\")",
    code: """
      f("ab")  # ✓
      f("a" "b")  # ✓
      f("a" "c")
      """),
  MatchCase(
    name: "the same metavariable in two statements", pattern: "$X = 1\n$X = 2",
    code: """
      a = 1  # ✓
      a = 2
      b = 1
      c = 2
      """),
  MatchCase(
    name: "Python 2 print statement", pattern: "print(...)",
    code: """
      print "hello", name  # ✓
      print(x)  # ✓
      print >>sys.stderr, "x"  # ✓
      """),
  MatchCase(
    name: "try patterns do not skip else or finally", pattern: "try:\n    ...\nexcept E:\n    pass",
    code: """
      try:  # ✓
          a()
      except KeyError:
          pass
      except E:
          pass
      try:
          a()
      except E:
          pass
      finally:
          b()
      try:
          a()
      except E:
          pass
      else:
          c()
      """),
  MatchCase(
    name: "a chained assignment only matches a metavariable target", pattern: "self.$A = $B",
    code: """
      self.a = b  # ✓
      self.c = d = e
      f = self.g = h
      """),
  MatchCase(
    name: "relative imports are other modules", pattern: "from typing import $X",
    code: """
      from typing import Any  # ✓
      from .typing import Other
      """),
  MatchCase(
    name: "a slice is not an expression", pattern: "$D[$K] = $V",
    code: """
      d[k] = v  # ✓
      lines[:] = other
      """),
  MatchCase(
    name: "ranges include parentheses", pattern: "$A + $B",
    code: """
      x = (  # ✓
          a + b)
      """),
  MatchCase(
    name: "statements may follow a body pattern that uses an ellipsis",
    pattern: "def $F(...):\n    ...\n    yield $X",
    code: """
      def a():  # ✓
          yield 1
          x = 2
      def e():  # ✓
          if x:
              def f():  # ✓
                  yield 1
      def h():
          async for p in s:
              yield p
      """),
  MatchCase(
    name: "a body pattern without an ellipsis is exact", pattern: "def $F(...):\n    foo()",
    code: """
      def g():
          foo()
          bar()
      def k():  # ✓
          foo()
      """),
  MatchCase(
    name: "a decorator call pattern matches a bare decorator",
    pattern: "@pytest.fixture(...)\ndef $F(...):\n    ...",
    code: """
      @pytest.fixture  # ✓
      def a():
          pass
      @pytest.fixture(scope="module")  # ✓
      def b():
          pass
      """),
  MatchCase(
    name: "a decorator metavariable names no call and no method modifier",
    pattern: "@$D\ndef $F(...):\n    ...",
    code: """
      @cache  # ✓
      def a():
          pass
      @lru_cache(100)
      def b():
          pass
      class K:
          @staticmethod
          def c():
              pass
      """),
  MatchCase(
    name: "with a metavariable item", pattern: "with $L:\n    ...",
    code: """
      with lock:  # ✓
          pass
      with open(p) as f:  # ✓
          pass
      with a as x, b as y:  # ✓
          pass
      """),
  MatchCase(
    name: "ellipsis displays match comprehensions", pattern: "return [...]",
    code: """
      def f():
          return [1, 2]  # ✓
      def g():
          return [x for x in y]  # ✓
      def h():
          return (x for x in y)
      """),
  MatchCase(
    name: "braces with an ellipsis match dicts and sets", pattern: "return {...}",
    code: """
      def f():
          return {"a": 1}  # ✓
      def g():
          return {x for x in y}  # ✓
      def h():
          return {}  # ✓
      """),
  MatchCase(
    name: "class bodies allow other statements",
    pattern: "class $C:\n    def __init__(self, ...):\n        ...",
    code: """
      class A:  # ✓
          x = 1
          def __init__(self, a):
              pass
          def other(self):
              pass
      class B:
          def other(self):
              pass
      """),
  MatchCase(
    name: "a module metavariable takes relative imports", pattern: "from $M import $N as $A",
    code: """
      from ._version import version as v  # ✓
      from os import path as p  # ✓
      from os import path
      """),
]

@Test(arguments: matchCases)
func matchesWhereMarked(_ example: MatchCase) throws {
  let lines = try startLines(example.pattern, example.code)
  #expect(lines == example.expectedLines, "matched lines \(lines)")
}

@Test(arguments: matchCases)
func matchesBehindAMultibytePrefix(_ example: MatchCase) throws {
  let prefixed = "\"émoji 🎉\"  # ü\n" + example.code
  let shifted = example.expectedLines.map { $0 + 1 }
  #expect(try startLines(example.pattern, prefixed) == shifted)
}

@Test func bindingsCarryRangesAndText() throws {
  let pattern = try PatternParser.parse("$O.execute($Q, $...REST)", language: .python)
  let tree = PythonParser.parse(source: "ü = 1\ndb.execute(\"sé\", a, b)\n")
  let found = Matcher.matches(pattern, in: tree)
  try #require(found.count == 1)
  let match = found[0]
  #expect(match.range.start.line == 2 && match.range.start.column == 1)
  #expect(match.range.end.column == 23)
  #expect(match.bindings["$O"]?.text == "db")
  #expect(match.bindings["$Q"]?.text == "\"sé\"")
  #expect(match.bindings["$Q"]?.range.end.column == 16)
  #expect(match.bindings["$...REST"]?.text == "a, b")
}

@Test func stringContentBinding() throws {
  let pattern = try PatternParser.parse("open(\"$NAME\")", language: .python)
  let tree = PythonParser.parse(source: "open('/etc/pässwd')\n")
  let found = Matcher.matches(pattern, in: tree)
  #expect(found.first?.bindings["$NAME"]?.text == "/etc/pässwd")
}

@Test(arguments: ["foo(", "def f(:", "$x + 1", "", "if $X:"])
func badPatternsAreErrors(_ text: String) {
  #expect(throws: MatchingError.self) { try PatternParser.parse(text, language: .python) }
}

@Test func requiredWordsOfAPattern() throws {
  let pattern = try PatternParser.parse(
    "$O.execute(\"...\", verify=False, <... secret ...>)", language: .python)
  #expect(pattern.requiredWords == ["execute", "verify", "secret"])
  #expect(!pattern.mayMatch(SourceFile(path: "", text: "db.execute('x', verify=False, token)")))
  #expect(pattern.mayMatch(SourceFile(path: "", text: "db.execute('x', verify=False, secret)")))
}

/// The prefilter never rejects a file the matcher would match.
@Test(arguments: matchCases)
func requiredWordsNeverHideAMatch(_ example: MatchCase) throws {
  let pattern = try PatternParser.parse(example.pattern, language: .python)
  let source = SourceFile(path: "", text: example.code)
  if !Matcher.matches(pattern, in: PythonParser.parse(source: example.code)).isEmpty {
    #expect(pattern.mayMatch(source))
  }
}

/// Several ellipses over a long block full of near misses finish.
@Test func manyStatementEllipsesStayPolynomial() throws {
  let pattern = try PatternParser.parse(
    "a()\n...\nb()\n...\nc()\n...\nd()", language: .python)
  let body = String(repeating: "    a()\n    b()\n    c()\n", count: 200)
  let tree = PythonParser.parse(source: "def f():\n" + body)
  #expect(Matcher.matches(pattern, in: tree).isEmpty)
  let found = Matcher.matches(
    pattern, in: PythonParser.parse(source: "def f():\n" + body + "    d()\n"))
  #expect(found.count == 200)
}
