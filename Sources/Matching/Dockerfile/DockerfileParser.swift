import Rules

/// Reads a Dockerfile into instructions, each with its arguments as semgrep shapes them:
/// `RUN`, `CMD` and `ENTRYPOINT` hold a bash block (shell form, read by `BashParser` in
/// place) or a list of strings (exec form); `FROM` one image with its optional parts;
/// `ENV`, `ARG` and `LABEL` their `NAME=value` entries; the rest their words.
///
/// Line continuations (with the `# escape=` directive's character), comment lines inside an
/// instruction and here-documents are kept inside the instruction. A pattern whose first word
/// is no instruction is read as bash (it matches commands inside `RUN`).
struct DockerfileParser: ByteCursor {
  let bytes: [UInt8]
  let patternMode: Bool
  var position = 0
  var builder = TreeBuilder()
  var warnings: [(offset: Int, message: String)] = []
  var escape = UInt8(ascii: "\\")
  /// Whether an `ONBUILD`'s instruction is being read.
  var inOnbuild = false

  static let instructions: Set<String> = [
    "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
    "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
  ]

  static func parse(_ file: SourceFile, patternMode: Bool) -> SyntaxTree {
    var parser = DockerfileParser(bytes: file.bytes, patternMode: patternMode)
    if patternMode && !parser.startsWithInstruction() {
      return BashLanguage.definition.parse(file, true)
    }
    let root = parser.file()
    return parser.builder.tree(
      of: file, root: root, warnings: parser.warnings, importAliases: [:])
  }

  static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }

  func startsWithInstruction() -> Bool {
    var index = 0
    while index < bytes.count && (DockerfileParser.isBlank(bytes[index]) || bytes[index] == 0x0A) {
      index += 1
    }
    var wordEnd = index
    while wordEnd < bytes.count && !DockerfileParser.isBlank(bytes[wordEnd])
      && bytes[wordEnd] != 0x0A
    {
      wordEnd += 1
    }
    let word = String(decoding: bytes[index..<wordEnd], as: UTF8.self).uppercased()
    return DockerfileParser.instructions.contains(word)
  }

  // MARK: - Lines

  mutating func file() -> Int32 {
    var instructions: [Int32] = []
    var directives = true
    while !atEnd {
      while DockerfileParser.isBlank(current) { position += 1 }
      if current == 0x0A {
        // Directives come first: an empty line, like any comment, ends them (Docker).
        directives = false
        position += 1
        continue
      }
      if current == UInt8(ascii: "#") {
        let lineStart = position
        skipToLineEnd()
        if directives { directives = directive(bytes[lineStart..<position]) }
        continue
      }
      directives = false
      if patternMode && bytes[position...].starts(with: "...".utf8)
        && (position + 3 >= bytes.count || bytes[position + 3] == 0x0A
          || DockerfileParser.isBlank(bytes[position + 3]))
      {
        instructions.append(
          builder.add(.ellipsis, start: Int32(position), end: Int32(position + 3)))
        position += 3
        continue
      }
      if patternMode, let line = loneMetavariable() {
        // A line that is only `$X` stands for any one instruction.
        instructions.append(line)
        continue
      }
      instructions.append(instruction())
    }
    return builder.add(.module, start: 0, end: Int32(bytes.count), children: instructions)
  }

  /// A pattern line holding only a metavariable, read as one.
  mutating func loneMetavariable() -> Int32? {
    var lineEnd = position
    while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
    var last = lineEnd
    while last > position && DockerfileParser.isBlank(bytes[last - 1]) { last -= 1 }
    guard YAMLParser.isMetavariable(bytes[position..<last], prefix: "$") else { return nil }
    defer { position = lineEnd }
    return builder.add(.metavariable, start: Int32(position), end: Int32(last))
  }

  /// Reads a parser directive (`# escape=`` ` `` changes the line-continuation character);
  /// false when the comment is none, which ends the directives.
  mutating func directive(_ line: ArraySlice<UInt8>) -> Bool {
    let text = String(decoding: line.dropFirst(), as: UTF8.self).replacingOccurrences(
      of: " ", with: ""
    ).lowercased()
    if text.hasPrefix("escape="), let value = text.dropFirst(7).utf8.first {
      escape = value
      return true
    }
    return text.hasPrefix("syntax=") || text.hasPrefix("check=")
  }

  /// The end of the instruction starting at `start`: the end of its last line, following
  /// continuations, comment lines between them and here-document bodies.
  func logicalEnd(from start: Int) -> Int {
    var index = start
    var heredocs: [[UInt8]] = []
    while index < bytes.count {
      // One physical line.
      var lineEnd = index
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      heredocs += DockerfileParser.heredocDelimiters(bytes[index..<lineEnd])
      var last = lineEnd
      while last > index && DockerfileParser.isBlank(bytes[last - 1]) { last -= 1 }
      let continued = last > index && bytes[last - 1] == escape
      index = lineEnd
      if !heredocs.isEmpty {
        // Bodies follow, each up to its delimiter line.
        for delimiter in heredocs {
          while index < bytes.count {
            index += 1
            var bodyEnd = index
            while bodyEnd < bytes.count && bytes[bodyEnd] != 0x0A { bodyEnd += 1 }
            let line = bytes[index..<bodyEnd].drop { $0 == 0x09 }
            index = bodyEnd
            if line.elementsEqual(delimiter) { break }
          }
        }
        heredocs = []
        if !continued { return index }
      }
      guard continued, index < bytes.count else { return index }
      index += 1
      // Comment lines and empty lines inside a continued instruction are skipped.
      while index < bytes.count {
        var probe = index
        while probe < bytes.count && DockerfileParser.isBlank(bytes[probe]) { probe += 1 }
        if probe < bytes.count && bytes[probe] == 0x0A {
          index = probe + 1
          continue
        }
        guard probe < bytes.count, bytes[probe] == UInt8(ascii: "#") else { break }
        while probe < bytes.count && bytes[probe] != 0x0A { probe += 1 }
        index = min(probe + 1, bytes.count)
      }
    }
    return index
  }

  /// The delimiters of `<<WORD` here-documents a line starts.
  static func heredocDelimiters(_ line: ArraySlice<UInt8>) -> [[UInt8]] {
    var result: [[UInt8]] = []
    var index = line.startIndex
    while index + 2 < line.endIndex {
      if line[index] == UInt8(ascii: "<") && line[index + 1] == UInt8(ascii: "<")
        && line[index + 2] != UInt8(ascii: "<")
      {
        var cursor = index + 2
        if cursor < line.endIndex && line[cursor] == UInt8(ascii: "-") { cursor += 1 }
        var word: [UInt8] = []
        while cursor < line.endIndex && !isBlank(line[cursor]) && line[cursor] != UInt8(ascii: ";")
          && line[cursor] != UInt8(ascii: "&") && line[cursor] != UInt8(ascii: "|")
        {
          if line[cursor] != UInt8(ascii: "\"") && line[cursor] != UInt8(ascii: "'") {
            word.append(line[cursor])
          }
          cursor += 1
        }
        if !word.isEmpty, word.allSatisfy({ BashParser.isNameByte($0) }) { result.append(word) }
        index = cursor
      } else {
        index += 1
      }
    }
    return result
  }

  // MARK: - Instructions

  mutating func instruction() -> Int32 {
    let start = position
    while !atEnd && !DockerfileParser.isBlank(current) && current != 0x0A { position += 1 }
    let keywordEnd = position
    let keyword = String(decoding: bytes[start..<keywordEnd], as: UTF8.self).uppercased()
    let end = logicalEnd(from: position)
    var arguments: [Int32] = []
    skipSpace(before: end)
    if !DockerfileParser.instructions.contains(keyword) {
      warnings.append((start, "unknown Dockerfile instruction '\(keyword)'"))
    }
    switch keyword {
    case "RUN", "CMD", "ENTRYPOINT", "SHELL":
      arguments = command(until: end)
    case "FROM":
      arguments = [image(until: end)]
    case "ENV", "ARG", "LABEL":
      arguments = entries(until: end, legacy: keyword == "ENV")
    case "HEALTHCHECK":
      arguments = words(until: end, stopAt: "CMD")
      skipSpace(before: end)
      if position < end {
        let cmdStart = position
        position += 3
        let cmd = builder.add(.string, start: Int32(cmdStart), end: Int32(position), flags: 4)
        skipSpace(before: end)
        arguments += [cmd] + command(until: end)
      }
    case "MAINTAINER":
      // The rest of the line is one name.
      if position < end {
        var valueEnd = end
        while valueEnd > position
          && (DockerfileParser.isBlank(bytes[valueEnd - 1]) || bytes[valueEnd - 1] == 0x0A)
        {
          valueEnd -= 1
        }
        arguments = [plainWord(position, valueEnd)]
      }
    case "ONBUILD" where !inOnbuild:
      // The instruction it defers is read as one (Docker allows no ONBUILD inside).
      if position < end {
        inOnbuild = true
        arguments = [instruction()]
        inOnbuild = false
      }
    default:
      if current == UInt8(ascii: "[") {
        arguments = [execForm(until: end)]
      } else {
        arguments = words(until: end, stopAt: nil)
      }
    }
    position = max(position, end)
    let last = arguments.last.map { builder.nodes[Int($0)].end } ?? Int32(keywordEnd)
    return builder.add(
      .dockerInstruction, start: Int32(start), end: max(last, Int32(keywordEnd)),
      children: arguments, text: (Int32(start), Int32(keywordEnd)))
  }

  mutating func skipSpace(before end: Int) {
    while position < end {
      if DockerfileParser.isBlank(current) || current == 0x0A {
        position += 1
      } else if current == escape && (byte(position + 1) == 0x0A || byte(position + 1) == 0x0D) {
        position += 1
      } else if current == UInt8(ascii: "#") && position > 0 && byte(position - 1) == 0x0A
        || (current == UInt8(ascii: "#") && lineIsComment(position))
      {
        while position < end && current != 0x0A { position += 1 }
      } else {
        return
      }
    }
  }

  /// Whether only blanks come before `offset` on its line.
  func lineIsComment(_ offset: Int) -> Bool {
    var index = offset
    while index > 0 && DockerfileParser.isBlank(bytes[index - 1]) { index -= 1 }
    return index == 0 || bytes[index - 1] == 0x0A
  }

  /// Flags (`--mount=...`), then a bash block (shell form), a list (exec form) or, in a
  /// pattern, a lone `...` for either.
  mutating func command(until end: Int) -> [Int32] {
    var flags: [Int32] = []
    while position + 1 < end && current == UInt8(ascii: "-")
      && byte(position + 1) == UInt8(ascii: "-")
    {
      flags.append(word(until: end))
      skipSpace(before: end)
    }
    if current == UInt8(ascii: "[") {
      return flags + [execForm(until: end)]
    }
    if patternMode && position + 3 <= end
      && bytes[position..<position + 3].elementsEqual("...".utf8)
    {
      var after = position + 3
      while after < end && (DockerfileParser.isBlank(bytes[after]) || bytes[after] == 0x0A) {
        after += 1
      }
      if after >= end {
        position = end
        return flags + [builder.add(.ellipsis, start: Int32(end - 3), end: Int32(end))]
      }
    }
    if patternMode {
      // A lone `$...ARGS` stands for the arguments in either form.
      var valueEnd = end
      while valueEnd > position
        && (DockerfileParser.isBlank(bytes[valueEnd - 1]) || bytes[valueEnd - 1] == 0x0A)
      {
        valueEnd -= 1
      }
      if YAMLParser.isMetavariable(bytes[position..<valueEnd], prefix: "$...") {
        let node = plainWord(position, valueEnd)
        position = end
        return flags + [node]
      }
    }
    var shell = BashParser(bytes: bytes, start: position, end: end, patternMode: patternMode)
    shell.builder = builder
    shell.continuation = escape
    shell.inDockerfile = true
    let statements = shell.statementList(until: [])
    builder = shell.builder
    warnings += shell.warnings
    let low = statements.first.map { builder.nodes[Int($0)].start } ?? Int32(position)
    let high = statements.last.map { builder.nodes[Int($0)].end } ?? Int32(position)
    position = end
    return flags + [builder.add(.block, start: low, end: high, children: statements)]
  }

  /// `["a", "b"]`: a list of strings; text that is not JSON is read as words.
  mutating func execForm(until end: Int) -> Int32 {
    let start = position
    position += 1
    var items: [Int32] = []
    while position < end {
      skipSpace(before: end)
      if current == UInt8(ascii: "]") {
        position += 1
        break
      }
      if current == UInt8(ascii: ",") {
        position += 1
        continue
      }
      if current == UInt8(ascii: "\"") {
        let open = position
        position += 1
        while position < end && current != UInt8(ascii: "\"") {
          if current == UInt8(ascii: "\\") { position += 1 }
          position += 1
        }
        let close = min(position, end)
        if position < end { position += 1 }
        items.append(
          builder.add(
            .string, start: Int32(open), end: Int32(position), text: (Int32(open + 1), Int32(close))
          ))
      } else {
        let itemStart = position
        while position < end && current != UInt8(ascii: ",") && current != UInt8(ascii: "]")
          && !DockerfileParser.isBlank(current) && current != 0x0A
        {
          position += 1
        }
        if position == itemStart {
          position += 1
          continue
        }
        items.append(plainWord(itemStart, position))
      }
    }
    return builder.add(.list, start: Int32(start), end: Int32(position), children: items)
  }

  /// A word from `start` to `end`: in a pattern `...` or a metavariable, else a literal.
  mutating func plainWord(_ start: Int, _ end: Int) -> Int32 {
    if patternMode, let word = builder.patternWord(bytes[start..<end], start: start, end: end) {
      return word
    }
    return builder.add(.string, start: Int32(start), end: Int32(end), flags: 4)
  }

  /// One word up to a blank (quotes kept together); a quoted word's text is its inside.
  mutating func word(until end: Int) -> Int32 {
    let start = position
    if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
      let quote = current
      position += 1
      while position < end && current != quote {
        if current == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { position += 1 }
        position += 1
      }
      let close = min(position, end)
      if position < end { position += 1 }
      if position >= end || DockerfileParser.isBlank(current) || current == 0x0A {
        return builder.add(
          .string, start: Int32(start), end: Int32(position), text: (Int32(start + 1), Int32(close))
        )
      }
    }
    while position < end && !DockerfileParser.isBlank(current) && current != 0x0A
      && !(current == escape && (byte(position + 1) == 0x0A || byte(position + 1) == 0x0D))
    {
      position += 1
    }
    return plainWord(start, position)
  }

  mutating func words(until end: Int, stopAt: String?) -> [Int32] {
    var result: [Int32] = []
    while true {
      skipSpace(before: end)
      guard position < end else { return result }
      if let stopAt, bytes[position...].starts(with: stopAt.utf8),
        position + stopAt.utf8.count >= end
          || DockerfileParser.isBlank(bytes[position + stopAt.utf8.count])
      {
        return result
      }
      let before = position
      result.append(word(until: end))
      if position == before { position += 1 }
    }
  }

  /// `NAME=value` entries (or `ENV NAME value`).
  mutating func entries(until end: Int, legacy: Bool) -> [Int32] {
    var result: [Int32] = []
    while true {
      skipSpace(before: end)
      guard position < end else { return result }
      let start = position
      if patternMode && bytes[position...].starts(with: "...".utf8)
        && (position + 3 >= end || DockerfileParser.isBlank(bytes[position + 3])
          || bytes[position + 3] == 0x0A)
      {
        position += 3
        result.append(builder.add(.ellipsis, start: Int32(start), end: Int32(position)))
        continue
      }
      var nameEnd = position
      var quoted = false
      if current == UInt8(ascii: "\"") {
        quoted = true
        nameEnd += 1
        while nameEnd < end && bytes[nameEnd] != UInt8(ascii: "\"") { nameEnd += 1 }
        nameEnd = min(nameEnd + 1, end)
      }
      while nameEnd < end && bytes[nameEnd] != UInt8(ascii: "=")
        && !DockerfileParser.isBlank(bytes[nameEnd]) && bytes[nameEnd] != 0x0A
      {
        nameEnd += 1
      }
      let name =
        quoted
        ? builder.add(
          .string, start: Int32(start), end: Int32(nameEnd),
          text: (Int32(start + 1), Int32(max(start + 1, nameEnd - 1))))
        : plainWord(start, nameEnd)
      position = nameEnd
      if current == UInt8(ascii: "=") {
        position += 1
        var children = [name]
        if position < end && !DockerfileParser.isBlank(current) && current != 0x0A {
          children.append(word(until: end))
        }
        result.append(
          builder.add(
            .shAssignment, start: Int32(start), end: Int32(position), children: children))
      } else if legacy && result.isEmpty {
        // `ENV NAME value with spaces`: the rest of the line is the value.
        skipSpace(before: end)
        var children = [name]
        if position < end {
          var valueEnd = end
          while valueEnd > position
            && (DockerfileParser.isBlank(bytes[valueEnd - 1]) || bytes[valueEnd - 1] == 0x0A)
          {
            valueEnd -= 1
          }
          children.append(plainWord(position, valueEnd))
          position = end
        }
        result.append(
          builder.add(
            .shAssignment, start: Int32(start),
            end: builder.nodes[Int(children[children.count - 1])].end, children: children))
      } else {
        result.append(
          builder.add(.shAssignment, start: Int32(start), end: Int32(nameEnd), children: [name]))
      }
    }
  }

  /// `[--platform=p] name[:tag][@digest] [AS alias]`: one image node with slots
  /// [name, tag, digest, platform, alias], absent ones left out.
  mutating func image(until end: Int) -> Int32 {
    let start = position
    var platform = SyntaxTree.absent
    while position + 1 < end && current == UInt8(ascii: "-")
      && byte(position + 1) == UInt8(ascii: "-")
    {
      let flagStart = position
      while position < end && current != UInt8(ascii: "=") && !DockerfileParser.isBlank(current) {
        position += 1
      }
      if current == UInt8(ascii: "=") { position += 1 }
      let valueStart = position
      while position < end && !DockerfileParser.isBlank(current) && current != 0x0A {
        position += 1
      }
      if bytes[flagStart..<valueStart].elementsEqual("--platform=".utf8) {
        platform = plainWord(valueStart, position)
      }
      skipSpace(before: end)
    }
    let nameStart = position
    while position < end && !DockerfileParser.isBlank(current) && current != 0x0A {
      position += 1
    }
    let wordEnd = position
    // The digest after `@`, the tag after the last `:` that follows the last `/`.
    var digestAt = -1
    var tagAt = -1
    var lastSlash = nameStart
    var index = nameStart
    while index < wordEnd {
      let c = bytes[index]
      if c == UInt8(ascii: "@") && digestAt < 0 { digestAt = index }
      if c == UInt8(ascii: "/") && digestAt < 0 { lastSlash = index }
      index += 1
    }
    let nameLimit = digestAt >= 0 ? digestAt : wordEnd
    index = nameLimit - 1
    while index > lastSlash {
      if bytes[index] == UInt8(ascii: ":") {
        tagAt = index
        break
      }
      index -= 1
    }
    // A pattern's `$NAME:$TAG` keeps its metavariables apart.
    let nameEnd = tagAt >= 0 ? tagAt : nameLimit
    let name = plainWord(nameStart, max(nameStart, nameEnd))
    let tag = tagAt >= 0 ? plainWord(tagAt + 1, nameLimit) : SyntaxTree.absent
    let digest = digestAt >= 0 ? plainWord(digestAt + 1, wordEnd) : SyntaxTree.absent
    skipSpace(before: end)
    var alias = SyntaxTree.absent
    if position + 2 <= end, bytes[position..<position + 2].map({ $0 | 0x20 }) == [97, 115] {
      position += 2
      skipSpace(before: end)
      let aliasStart = position
      while position < end && !DockerfileParser.isBlank(current) && current != 0x0A {
        position += 1
      }
      alias = plainWord(aliasStart, position)
    }
    let last = [alias, digest, tag, name].first { $0 != SyntaxTree.absent } ?? name
    return builder.add(
      .dockerImage, start: Int32(start), end: builder.nodes[Int(last)].end,
      children: [name, tag, digest, platform, alias])
  }
}
