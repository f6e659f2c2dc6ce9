import Rules

/// Parsers, the pattern compiler and the matcher. Filled in by the Engine issues.
public enum MatchingModule {}
