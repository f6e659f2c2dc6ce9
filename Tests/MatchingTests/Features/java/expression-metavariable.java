// ok: java-expression-metavariable
class Password {
  // ok: java-expression-metavariable
  String password;

  // ok: java-expression-metavariable
  void password(int length) {
  }

  void use() {
    // ruleid: java-expression-metavariable
    password(3);
    // ok: java-expression-metavariable
    this.password.trim();
    // ruleid: java-expression-metavariable
    send(password);
  }
}
