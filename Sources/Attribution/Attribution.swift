import GitKit

/// Who wrote each added line. Filled in by the Attribution issue.
public enum AttributionModule {}
