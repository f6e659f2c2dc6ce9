import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jsonwebtoken.Jwts;

class Tokens {
    String user(String token) {
        // ruleid: java.jwt-unverified
        DecodedJWT jwt = JWT.decode(token);
        return jwt.getSubject();
    }

    Object claims(String token) {
        // ruleid: java.jwt-unverified
        return Jwts.parser().build().parseClaimsJwt(token).getPayload();
    }

    String userSafely(String token, Algorithm algorithm) {
        // ok: java.jwt-unverified
        DecodedJWT jwt = JWT.require(algorithm).build().verify(token);
        return jwt.getSubject();
    }

    Object claimsSafely(String token, javax.crypto.SecretKey key) {
        // ok: java.jwt-unverified
        return Jwts.parser().verifyWith(key).build().parseSignedClaims(token).getPayload();
    }
}
