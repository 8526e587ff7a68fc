package io.payonce.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * Console operators in PostgreSQL, with their password hashes (BCrypt through Spring Security's
 * delegating encoder) and their failed sign-ins. An operator with {@code maxFailedLogins}
 * consecutive failures is locked until {@code lockout} has passed; a good password resets the count.
 */
@Repository
class Operators implements UserDetailsService {
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 72; // BCrypt reads no further

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ConsoleProperties properties;

    Operators(JdbcClient jdbc, PasswordEncoder encoder, Clock clock, ConsoleProperties properties) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select * from console_operator where username = ?").param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        .accountLocked(MAPPER.mapRow(rs, n).lockedAt(clock.instant()))
                        .build())
                .optional().orElseThrow(() -> new UsernameNotFoundException("no such operator"));
    }

    Optional<Operator> find(String username) {
        return jdbc.sql("select * from console_operator where username = ?").param(username).query(MAPPER).optional();
    }

    List<Operator> all() {
        return jdbc.sql("select * from console_operator order by username limit 500").query(MAPPER).list();
    }

    /** False when the username is taken. */
    boolean create(String username, String password, Role role) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                insert into console_operator (username, password_hash, role, created_at, updated_at) values (?, ?, ?, ?, ?)
                on conflict (username) do nothing""")
                .params(username, encoder.encode(password), role.name(), now, now).update() == 1;
    }

    /** Creates the operator, or gives an existing one this password and role, unlocked. */
    void upsert(String username, String password, Role role) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into console_operator (username, password_hash, role, created_at, updated_at) values (?, ?, ?, ?, ?)
                on conflict (username) do update set password_hash = excluded.password_hash, role = excluded.role,
                  failed_logins = 0, locked_until = null, updated_at = excluded.updated_at""")
                .params(username, encoder.encode(password), role.name(), now, now).update();
    }

    /** Counts a wrong password; the one that reaches the limit locks the operator out. */
    void recordFailure(String username) {
        Instant now = clock.instant();
        jdbc.sql("""
                update console_operator set failed_logins = failed_logins + 1, updated_at = ?,
                  locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
                where username = ?""")
                .params(Timestamp.from(now), properties.maxFailedLogins(), Timestamp.from(now.plus(properties.lockout())), username)
                .update();
    }

    void recordSuccess(String username) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update console_operator set failed_logins = 0, locked_until = null, last_login_at = ?, updated_at = ? where username = ?")
                .params(now, now, username).update();
    }

    void unlock(String username) {
        jdbc.sql("update console_operator set failed_logins = 0, locked_until = null, updated_at = ? where username = ?")
                .params(Timestamp.from(clock.instant()), username).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<Operator> MAPPER = (rs, n) -> new Operator(rs.getLong("operator_id"),
            rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getInt("failed_logins"),
            instant(rs, "locked_until"), instant(rs, "last_login_at"), instant(rs, "created_at"));
}
