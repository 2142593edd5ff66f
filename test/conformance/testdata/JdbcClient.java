// A pgjdbc session whose printed output must be the same directly and through
// maskwire. Usage: java -cp postgresql.jar JdbcClient.java URL
// prepareThreshold=2: from the 2nd execution pgjdbc uses a named server-side
// statement, described once and then bound and executed without Describe.
import java.sql.*;
import java.util.*;

public class JdbcClient {
    public static void main(String[] args) throws Exception {
        int rows = 0;
        Properties props = new Properties();
        props.setProperty("prepareThreshold", "2");
        try (Connection c = DriverManager.getConnection(args[0], props)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select n, 'v' || n as label, n * 1.5::numeric as num, n::float8 / 3 as f, (n * 1000000000000)::int8 as big,"
                    + " '2024-01-01 00:00:00+00'::timestamptz + n * interval '1 hour' as ts, array[n, n + 1] as arr,"
                    + " md5(n::text)::uuid as u, null::text as nothing from generate_series(1, ?) n")) {
                for (int i = 1; i <= 10; i++) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            rows++;
                            StringBuilder sb = new StringBuilder("exec " + i + ":");
                            for (int col = 1; col <= md.getColumnCount(); col++) {
                                sb.append(' ').append(md.getColumnName(col)).append('=').append(rs.getString(col));
                            }
                            if (rs.getRow() == i) System.out.println(sb);
                        }
                    }
                }
            }
            // Fetch size inside a transaction: a portal read a few rows per Execute.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select g, md5(g::text) from generate_series(1, 25) g")) {
                ps.setFetchSize(4);
                for (int round = 0; round < 3; round++) {
                    long sum = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) { rows++; sum += rs.getLong(1); }
                    }
                    System.out.println("fetch round " + round + " sum " + sum);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                try {
                    st.executeQuery("select 1 / 0");
                } catch (SQLException e) {
                    System.out.println("error " + e.getSQLState() + " " + e.getMessage().split("\n")[0]);
                }
                try (ResultSet rs = st.executeQuery("select 'after error ü'")) {
                    while (rs.next()) { rows++; System.out.println(rs.getString(1)); }
                }
            }
        }
        System.out.println("ROWS " + rows);
    }
}
