import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

class Hashing {
    byte[] fingerprint(byte[] password) throws Exception {
        // ruleid: java.weak-hash
        return MessageDigest.getInstance("MD5").digest(password);
    }

    String token(String value) {
        // ruleid: java.weak-hash
        return DigestUtils.sha1Hex(value);
    }

    byte[] digest(byte[] body) throws Exception {
        // ok: java.weak-hash
        return MessageDigest.getInstance("SHA-256").digest(body);
    }

    String digestHex(String value) {
        // ok: java.weak-hash
        return DigestUtils.sha256Hex(value);
    }
}
