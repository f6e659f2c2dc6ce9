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
