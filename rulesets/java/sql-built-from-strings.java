import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

class UserStore {
    ResultSet find(Connection conn, String name) throws SQLException {
        // ruleid: java.sql-built-from-strings
        return conn.createStatement().executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    }

    int delete(Connection conn, String id) throws SQLException {
        String sql = String.format("DELETE FROM items WHERE id = %s", id);
        // ruleid: java.sql-built-from-strings
        return conn.createStatement().executeUpdate(sql);
    }

    ResultSet findSafely(Connection conn, String name) throws SQLException {
        var statement = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
        statement.setString(1, name);
        // ok: java.sql-built-from-strings
        return statement.executeQuery();
    }

    ResultSet all(Connection conn) throws SQLException {
        // ok: java.sql-built-from-strings
        return conn.createStatement().executeQuery("SELECT * FROM users");
    }
}
