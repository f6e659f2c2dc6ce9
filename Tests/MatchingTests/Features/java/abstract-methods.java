abstract class Validator {
  // ruleid: java-abstract-methods
  abstract boolean validate(String input);

  // ruleid: java-abstract-methods
  boolean validate(int input) {
    return input > 0;
  }
}

interface Check {
  // ok: java-abstract-methods
  boolean validate(String input);
}
