/// What the tree matcher and the structured matcher share about their target: the region a
/// match must lie in, the changed bytes it must touch, and how a match is reported.
protocol TargetPlaces {
  var target: SyntaxTree { get }
  /// The bytes to match within; nil for the whole file.
  var region: Range<Int32>? { get }
  /// The bytes a match must share some of; nil for anywhere.
  var changed: ChangedRegions? { get }
}

extension TargetPlaces {
  /// Whether node `id` lies within the region matched.
  @inline(__always) func inRegion(_ id: Int32) -> Bool {
    guard let region else { return true }
    let node = target[id]
    return region.lowerBound <= node.start && node.end <= region.upperBound
  }

  /// Whether a match may be tried at node `id`: within the region, sharing bytes with the
  /// changed code.
  @inline(__always) func isCandidate(_ id: Int32) -> Bool {
    inRegion(id) && overlapsChanged(target[id].start, target[id].end)
  }

  /// Whether `start..<end` shares bytes with the changed code (always, without a change).
  @inline(__always) func overlapsChanged(_ start: Int32, _ end: Int32) -> Bool {
    changed?.overlaps(start, end) ?? true
  }

  /// Whether node `id` shares bytes with the region matched.
  @inline(__always) func overlapsRegion(_ id: Int32) -> Bool {
    guard let region else { return true }
    let node = target[id]
    return node.start < region.upperBound && region.lowerBound < node.end
  }

  /// The match of `start..<end` with the environment's bindings as ranges and text.
  func makeMatch(start: Int32, end: Int32, _ environment: Environment) -> Match {
    var bindings = [String: Binding](minimumCapacity: environment.entries.count)
    let source = target.source
    let lines = source.lines
    for (name, value) in environment.entries {
      let (low, high): (Int32, Int32)
      switch value {
      case .node(let id): (low, high) = (target[id].start, target[id].end)
      case .nodes(_, let first, let last): (low, high) = (first, last)
      case .text(let first, let last): (low, high) = (first, last)
      }
      bindings[name] = Binding(
        range: source.range(from: Int(low), to: Int(high), in: lines),
        text: source.text(from: Int(low), to: Int(high)))
    }
    return Match(range: source.range(from: Int(start), to: Int(end), in: lines), bindings: bindings)
  }
}
