import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

class TrustEverything implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    // ruleid: java.trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}

class AnyHost implements HostnameVerifier {
    // ruleid: java.trust-all-certificates
    public boolean verify(String host, SSLSession session) { return true; }
}

class PinnedHost implements HostnameVerifier {
    // ok: java.trust-all-certificates
    public boolean verify(String host, SSLSession session) { return "api.example.com".equals(host); }
}

class Checked implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    // ok: java.trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain.length == 0) throw new CertificateException("empty chain");
    }

    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
