import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

// ruleid: java.spring-debug-on
@EnableWebSecurity(debug = true)
class LocalSecurity {
}

// ruleid: java.spring-debug-on
@EnableWebSecurity(debug = true)
class OtherSecurity {
    int order() { return 1; }
}

// ok: java.spring-debug-on
@EnableWebSecurity
class Security {
}

// ok: java.spring-debug-on
@EnableWebSecurity(debug = false)
class QuietSecurity {
}
