class Tasks {
  void schedule(Executor executor, Shell shell) {
    // ruleid: java-lambdas
    executor.submit(() -> {
      prepare();
      exec("ls");
    });
    // ruleid: java-lambdas
    executor.submit(shell::exec);
    // ok: java-lambdas
    executor.submit(() -> {
      prepare();
    });
    // ok: java-lambdas
    executor.submit(shell::read);
  }
}
