import java.security.SecureRandom;
import java.util.Random;
import org.apache.commons.lang3.RandomStringUtils;

class Tokens {
    String reset() {
        // ruleid: java.insecure-random-for-secret
        String resetToken = RandomStringUtils.randomAlphanumeric(32);
        return resetToken;
    }

    int otp() {
        Random random = new Random();
        // ruleid: java.insecure-random-for-secret
        int otpCode = 100000 + random.nextInt(900000);
        return otpCode;
    }

    byte[] salt() {
        byte[] salt = new byte[16];
        // ok: java.insecure-random-for-secret
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    int jitter() {
        Random random = new Random();
        // ok: java.insecure-random-for-secret
        int delay = random.nextInt(100);
        return delay;
    }
}
