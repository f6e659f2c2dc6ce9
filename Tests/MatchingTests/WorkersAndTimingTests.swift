import Foundation
import Rules
import Testing

@testable import Matching

/// semgrep's `-j` and `--time` in the engine: a worker limit bounds the threads that read, parse
/// and match, and timing is measured per rule and file only when asked for.
@Suite struct WorkersAndTimingTests {
  static let yaml = """
    rules:
      - id: no-eval
        languages: [python]
        severity: ERROR
        message: m
        pattern: eval(...)
      - id: no-exec
        languages: [python]
        severity: ERROR
        message: m
        pattern: exec(...)
    """

  /// Counts how many `file` calls run at once, and on which threads.
  final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var most = 0
    private(set) var threads: Set<pthread_t> = []

    func enter() {
      lock.lock()
      running += 1
      most = max(most, running)
      threads.insert(pthread_self())
      lock.unlock()
    }

    func leave() {
      lock.lock()
      running -= 1
      lock.unlock()
    }
  }

  private func scan(_ engine: RuleEngine, files: Int, watch: Watch) -> RuleEngine.FileResult {
    engine.scan(count: files) { index -> (path: String, bytes: [UInt8]) in
      watch.enter()
      defer { watch.leave() }
      // Enough work per file that several would overlap on a free core.
      let body = String(repeating: "y = [i for i in range(3)]\n", count: 200)
      return ("f\(index).py", Array("x = eval(a)\n\(body)exec(b)\n".utf8))
    }
  }

  @Test func oneWorkerRunsEverythingOnTheCallingThread() throws {
    var engine = try RuleEngine(rules: rules(Self.yaml))
    engine.workers = 1
    let watch = Watch()
    let result = scan(engine, files: 12, watch: watch)
    #expect(result.findings.count == 24)
    #expect(watch.most == 1)
    #expect(watch.threads == [pthread_self()])
  }

  @Test func twoWorkersNeverRunMoreThanTwoAtOnce() throws {
    var engine = try RuleEngine(rules: rules(Self.yaml))
    engine.workers = 2
    let watch = Watch()
    let result = scan(engine, files: 24, watch: watch)
    #expect(result.findings.count == 48)
    #expect(watch.most <= 2)
    #expect(watch.threads.count <= 2)
  }

  @Test func theLimitItselfHoldsForAnyWork() {
    for workers in [1, 2, 3] {
      let watch = Watch()
      let done = ParallelSlots<Bool>(count: 40)
      Parallel.perform(iterations: 40, workers: workers) { index in
        watch.enter()
        defer { watch.leave() }
        done.set(index, true)
      }
      #expect(watch.most <= workers)
      #expect(watch.threads.count <= workers)
      #expect(done.values().allSatisfy { $0 == true })
    }
  }

  @Test func timingIsMeasuredOnlyWhenAskedFor() throws {
    var engine = try RuleEngine(rules: rules(Self.yaml))
    let watch = Watch()
    #expect(scan(engine, files: 3, watch: watch).timings.isEmpty)
    engine.timing = true
    let timed = scan(engine, files: 3, watch: watch)
    #expect(timed.timings.map(\.path) == ["f0.py", "f1.py", "f2.py"])
    for file in timed.timings {
      #expect(Set(file.matchSeconds.keys) == ["no-eval", "no-exec"])
      #expect(file.bytes > 5000)
      #expect(file.matchSeconds.values.allSatisfy { $0 >= 0 } && file.parseSeconds >= 0)
    }
    let single = engine.scan(path: "one.py", bytes: Array("eval(x)\n".utf8))
    #expect(single.timings.map(\.path) == ["one.py"])
  }

  @Test func progressCountsEveryFileAndRuleFilePair() throws {
    var engine = try RuleEngine(rules: rules(Self.yaml))
    let progress = ScanProgress()
    engine.progress = progress
    let result = scan(engine, files: 5, watch: Watch())
    #expect(result.findings.count == 10)
    let counts = progress.snapshot
    #expect(counts.files == 5 && counts.filesRead == 5)
    // Both rules may match every file: ten pairs, all matched.
    #expect(counts.pairs == 10 && counts.pairsMatched == 10)
  }
}
