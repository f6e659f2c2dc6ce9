class Checks {
  void run(User user) {
    // ruleid: java-any-statement
    if (isAdmin(user)) grant(user);
    // ruleid: java-any-statement
    if (isAdmin(user)) {
      return;
    }
    // ruleid: java-any-statement
    if (isAdmin(user)) {
      log(user);
      grant(user);
    }
    // ok: java-any-statement
    if (isOwner(user)) grant(user);
  }
}
