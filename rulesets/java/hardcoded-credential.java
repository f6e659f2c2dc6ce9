import java.sql.Connection;
import java.sql.DriverManager;

class Db {
    // ruleid: java.hardcoded-credential
    private static final String API_KEY = "a8f5f167f44f4964e6c998dee827110c";

    Connection open() throws Exception {
        // ruleid: java.hardcoded-credential
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", "Sup3rS3cret!");
    }

    Connection openSafely() throws Exception {
        // ok: java.hardcoded-credential
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", System.getenv("DB_PASSWORD"));
    }

    // ok: java.hardcoded-credential
    private static final String API_KEY_NAME = "X-Api-Key";
}
