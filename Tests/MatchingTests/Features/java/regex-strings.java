class Crypto {
  void run() throws Exception {
    // ruleid: java-regex-strings
    Cipher.getInstance("AES/ECB/PKCS5Padding");
    // ok: java-regex-strings
    Cipher.getInstance("AES/GCM/NoPadding");
    // ruleid: java-regex-strings
    Cipher.getInstance("DES/ECB/NoPadding", "BC");
  }
}
