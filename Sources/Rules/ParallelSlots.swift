import Foundation

/// Results written by parallel workers, each to its own index, read once all are done.
public final class ParallelSlots<Value>: @unchecked Sendable {
  private var items: [Value?]
  private let lock = NSLock()

  public init(count: Int) {
    items = Array(repeating: nil, count: count)
  }

  public func set(_ index: Int, _ value: Value) {
    lock.lock()
    items[index] = value
    lock.unlock()
  }

  public func values() -> [Value?] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

/// How many threads parallel work may use: semgrep's `-j/--jobs`, set once by the command line
/// before any work starts; nil for every core.
public enum Parallel {
  /// The process-wide limit: set once, before any work starts, as `Diagnostics.quiet` is.
  nonisolated(unsafe) public static var workers: Int?

  /// Runs `body` for every index in `0..<iterations` on at most `workers` threads (every core
  /// when nil), the calling thread among them; with one worker, on the calling thread alone.
  public static func perform(
    iterations: Int, workers: Int? = Parallel.workers, _ body: @Sendable (Int) -> Void
  ) {
    guard iterations > 0 else { return }
    guard let workers else {
      DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
      return
    }
    let threads = min(max(workers, 1), iterations)
    if threads == 1 {
      for index in 0..<iterations { body(index) }
      return
    }
    // `threads` iterations, each taking indices until none is left: never more than `threads`
    // run at once, whatever the machine's core count.
    let next = IndexCounter()
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while let index = next.take(below: iterations) { body(index) }
    }
  }

  /// The next index to work on, handed out once each.
  private final class IndexCounter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < limit else { return nil }
      next += 1
      return next - 1
    }
  }
}
