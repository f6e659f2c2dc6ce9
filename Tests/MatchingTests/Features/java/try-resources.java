class Reader {
  Object read(InputStream raw) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(raw);
        var other = open()) {
      // ruleid: java-try-resources
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      // ok: java-try-resources
      return in.readLine();
    } finally {
      raw.close();
    }
  }
}
