class Settings {
  void configure(Client client, Builder builder) {
    // ruleid: java-method-calls
    client.setVerifyHostname(false);
    // ruleid: java-method-calls
    builder.ssl().setCheckRevocation(false);
    // ok: java-method-calls
    client.setVerifyHostname(true);
    // ok: java-method-calls
    client.setTimeout(false);
  }
}
