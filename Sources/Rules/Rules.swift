/// The semgrep rule schema and its loader. Filled in by the Rules issue.
public enum RulesModule {}
