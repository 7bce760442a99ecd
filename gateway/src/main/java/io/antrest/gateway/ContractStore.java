package io.antrest.gateway;

import io.antrest.core.Redactor;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.InvalidContractException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/**
 * The contracts (symbols and their trading rules) each exchange listed when last checked, in a
 * real database over plain JDBC: the embedded default is an H2 file database ({@link #h2(Path)},
 * {@code data/antrest.mv.db} in the distribution); any JDBC URL whose driver is on the path works
 * (PostgreSQL in production), and so does any {@link DataSource} (a pool such as HikariCP). The
 * H2 driver ({@code com.h2database:h2}) is not a dependency of this module: an embedder adds the
 * driver of the database it uses. The table is created on first use with portable SQL, and the
 * columns added since are added to an older table:
 * <pre>
 * contracts(exchange, symbol, base_asset, quote_asset, settlement_currency, tick_size DECIMAL(60,30),
 *           lot_size, min_quantity, max_quantity, max_price, min_notional, status, trading BOOLEAN,
 *           type, updated_at TIMESTAMP WITH TIME ZONE, PRIMARY KEY (exchange, symbol))
 * </pre>
 * The numbers are stored exactly: a column holds every number a {@link Contract} accepts
 * ({@value Contract#MAX_INTEGER_DIGITS} digits before the point, {@value Contract#MAX_SCALE} after),
 * so a tick size of {@code 0.0000000000000000001} reads back as itself, and a strict check right
 * after a sync agrees. The numeric columns of a table made by an older antrest ({@code DECIMAL(38,18)},
 * which rounded such a tick to 0) are widened on first use. A stored row that is no valid contract
 * (a zero tick size an older antrest stored) is read as absent, with a warning: the next check
 * then reports it as added, and a sync replaces it.
 * {@link #check} compares what an exchange lists now with what is stored. When the store holds
 * nothing for that exchange yet (a first connect), the exchange's contracts are stored and the
 * result is {@link ContractCheck.Result#INITIALISED}, under either policy: there is nothing to
 * disagree with, and refusing would make a first strict connect impossible. Thread-safe; each
 * operation uses its own connection and transaction.
 */
public final class ContractStore {
    private static final Logger LOG = LoggerFactory.getLogger(ContractStore.class);
    /** SQL state "SQL client unable to establish SQL connection", which DriverManager uses for "No suitable driver". */
    private static final String NO_CONNECTION = "08001";
    /**
     * The SQL states of a write that met another writer's at the same rows: a unique key taken
     * (23505), a serialization failure or H2's deadlock (40001), PostgreSQL's deadlock (40P01),
     * H2's lock time-out (HYT00) and concurrent update (90131).
     */
    private static final Set<String> RETRIED = Set.of("23505", "40001", "40P01", "HYT00", "90131");
    /** The SQL states of "no such table": PostgreSQL's (42P01), H2's (42S02; 42S03 and 42S04 naming others or none). */
    private static final Set<String> NO_TABLE = Set.of("42P01", "42S02", "42S03", "42S04");
    /** How often a transaction or the table's set-up is tried before its error is reported. */
    private static final int ATTEMPTS = 10;

    /** Exact for every number a Contract accepts. */
    private static final String DECIMAL = "DECIMAL(" + (Contract.MAX_INTEGER_DIGITS + Contract.MAX_SCALE) + ","
            + Contract.MAX_SCALE + ")";
    /** The numeric columns, in the order of {@link #SELECT}: widened where an older table has them narrower. */
    private static final List<String> NUMBERS = List.of("tick_size", "lot_size", "min_quantity", "max_quantity",
            "max_price", "min_notional");
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS contracts ("
            + "exchange VARCHAR(64) NOT NULL, "
            + "symbol VARCHAR(128) NOT NULL, "
            + "base_asset VARCHAR(64) NOT NULL, "
            + "quote_asset VARCHAR(64) NOT NULL, "
            + "tick_size " + DECIMAL + " NOT NULL, "
            + "lot_size " + DECIMAL + " NOT NULL, "
            + "min_notional " + DECIMAL + " NOT NULL, "
            + "status VARCHAR(64) NOT NULL, "
            + "trading BOOLEAN NOT NULL, "
            + "type VARCHAR(64) NOT NULL, "
            + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL, "
            + "PRIMARY KEY (exchange, symbol))";
    /** Columns added after the first schema, with the value older rows get. */
    private static final List<String> ADDED = List.of(
            "settlement_currency VARCHAR(64) DEFAULT '' NOT NULL",
            "min_quantity " + DECIMAL + " DEFAULT 0 NOT NULL",
            "max_quantity " + DECIMAL + " DEFAULT 0 NOT NULL",
            "max_price " + DECIMAL + " DEFAULT 0 NOT NULL");
    private static final String SELECT = "SELECT symbol, base_asset, quote_asset, settlement_currency, tick_size, lot_size, "
            + "min_quantity, max_quantity, max_price, min_notional, status, trading, type FROM contracts WHERE exchange = ? "
            + "ORDER BY symbol";
    private static final String DELETE = "DELETE FROM contracts WHERE exchange = ?";
    private static final String INSERT = "INSERT INTO contracts (exchange, symbol, base_asset, quote_asset, "
            + "settlement_currency, tick_size, lot_size, min_quantity, max_quantity, max_price, min_notional, status, "
            + "trading, type, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Where connections come from: the driver manager for a URL, or the caller's data source. */
    @FunctionalInterface
    private interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    /** The JDBC URL as given (password and all: never printed), or null over a data source. */
    private final String jdbcUrl;
    private final String description;
    private final Clock clock;
    private volatile boolean schemaReady;

    /** A store at this JDBC URL, without user or password (H2's default user). */
    public ContractStore(String jdbcUrl) {
        this(jdbcUrl, null, null, Clock.systemUTC());
    }

    /**
     * A store at this JDBC URL.
     *
     * @param jdbcUrl  e.g. {@code jdbc:h2:file:/opt/antrest/data/antrest} or {@code jdbc:postgresql://db/antrest};
     *                 an H2 in-memory database ({@code jdbc:h2:mem:NAME}) is kept for the life of the process
     *                 (see {@link JdbcUrls#inMemory})
     * @param user     the database user, or null
     * @param password the password, or null; never printed
     * @param clock    stamps {@code updated_at}
     */
    public ContractStore(String jdbcUrl, String user, String password, Clock clock) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("the contract store needs a JDBC URL starting with 'jdbc:', e.g. "
                    + "jdbc:h2:file:data/antrest or jdbc:postgresql://host/antrest; was \"" + masked(jdbcUrl) + "\"");
        }
        String url = JdbcUrls.keptOpen(jdbcUrl);
        this.connections = () -> DriverManager.getConnection(url, user, password);
        this.jdbcUrl = jdbcUrl;
        this.description = masked(jdbcUrl);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * A store over the caller's data source (a pool such as HikariCP, or the application server's).
     *
     * @param dataSource where connections come from; the store closes each connection it takes
     * @param clock      stamps {@code updated_at}
     */
    public ContractStore(DataSource dataSource, Clock clock) {
        this(dataSource, "DataSource " + requireNonNull(dataSource, "dataSource is null").getClass().getName(), clock);
    }

    /**
     * A store over the caller's data source, named in messages by {@code name}: a pool's JDBC URL,
     * say, which is printed with any password in it masked.
     *
     * @param dataSource where connections come from; the store closes each connection it takes
     * @param name       what messages and {@link #url()} call the database
     * @param clock      stamps {@code updated_at}
     */
    public ContractStore(DataSource dataSource, String name, Clock clock) {
        requireNonNull(dataSource, "dataSource is null");
        this.connections = dataSource::getConnection;
        this.jdbcUrl = null;
        this.description = masked(requireNonNull(name, "name is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The embedded H2 file database {@code <directory>/antrest} (file {@code antrest.mv.db}). */
    public static ContractStore h2(Path directory) {
        requireNonNull(directory, "directory is null");
        return new ContractStore(h2Url(directory));
    }

    /** The JDBC URL of the embedded H2 database in {@code directory}. */
    public static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("antrest").toString().replace('\\', '/');
    }

    /** The JDBC URL (any password in it masked), or which data source. */
    public String url() {
        return description;
    }

    /** The contracts stored for an exchange, sorted by symbol; empty when none. */
    public List<Contract> load(String exchange) {
        requireNonNull(exchange, "exchange is null");
        try (Connection c = connect()) {
            return select(c, exchange);
        } catch (SQLException e) {
            throw failure("read the contracts of " + exchange, e);
        }
    }

    /** Replaces everything stored for an exchange with {@code contracts}, in one transaction. */
    public void replace(String exchange, Collection<Contract> contracts) {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(contracts, "contracts is null");
        inTransaction("write the contracts of " + exchange, c -> {
            write(c, exchange, contracts);
            return null;
        });
    }

    /**
     * Compares what the exchange lists now with the store, in one transaction: an empty store for
     * this exchange is initialised; agreement changes nothing; a difference is refused
     * ({@link ContractPolicy#STRICT}, the store untouched) or written ({@link ContractPolicy#SYNC}).
     *
     * @throws ContractMismatchException under STRICT when they differ, listing the differences
     */
    public ContractCheck check(String exchange, List<Contract> listed, ContractPolicy policy) {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(listed, "listed is null");
        requireNonNull(policy, "policy is null");
        ContractCheck result = inTransaction("check the contracts of " + exchange, c -> {
            List<Contract> stored = select(c, exchange);
            int count = bySymbol(listed).size();
            if (stored.isEmpty()) {
                write(c, exchange, listed);
                return new ContractCheck(exchange, ContractCheck.Result.INITIALISED, count,
                        ContractDiff.between(exchange, List.of(), List.of()));
            }
            ContractDiff diff = ContractDiff.between(exchange, stored, listed);
            if (diff.isEmpty()) {
                return new ContractCheck(exchange, ContractCheck.Result.UNCHANGED, count, diff);
            }
            if (policy == ContractPolicy.STRICT) {
                throw new ContractMismatchException(diff);
            }
            write(c, exchange, listed);
            return new ContractCheck(exchange, ContractCheck.Result.SYNCED, count, diff);
        });
        LOG.info("{}", result);
        return result;
    }

    /** One unit of work in a transaction: what it returns is the transaction's result. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own, committed when it returns and rolled back
     * when it throws. When another process or store wrote the same rows at the same moment (a
     * unique key taken under us, a deadlock, a serialization failure or a lock time-out: see
     * {@link #RETRIED}), the transaction is rolled back and run again, reading afresh what the
     * other one committed, up to {@value #ATTEMPTS} times: of several stores syncing at once,
     * one writes and the others find the contracts already there.
     */
    private <T> T inTransaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connect()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !concurrentWrite(e)) {
                    throw failure(what, e);
                }
                LOG.debug("contract store: could not {} at attempt {} (SQL state {}), as another writer wrote at the"
                        + " same moment; trying again", what, attempt, e.getSQLState());
                pause(attempt);
            }
        }
    }

    /** Whether the error is a write that met another at the same rows, which a new transaction resolves. */
    private static boolean concurrentWrite(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && RETRIED.contains(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A short, growing, jittered pause, so that racing writers do not meet again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContractStoreException("interrupted while waiting to write the contract store again", e);
        }
    }

    @Override
    public String toString() {
        return "ContractStore{" + description + "}";
    }

    private Connection connect() throws SQLException {
        Connection c = connections.open();
        if (!schemaReady) {
            try {
                prepareSchema(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            schemaReady = true;
        }
        return c;
    }

    /**
     * Creates the table if it is not there, adds the columns it lacks and widens its numbers, each
     * only when needed: a database user that may not change tables can use a table made for it.
     * Another process may be doing the same at the same moment: PostgreSQL's {@code CREATE TABLE
     * IF NOT EXISTS} then fails in one of them with a duplicate key in its catalogue; the work is
     * done again, and finds the table as the other left it.
     */
    private static void prepareSchema(Connection c) throws SQLException {
        c.setAutoCommit(true);
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                Set<String> columns = columns(s);
                if (columns.isEmpty()) {
                    s.execute(CREATE);
                    columns = columns(s);
                }
                for (String column : ADDED) {
                    if (!columns.contains(column.substring(0, column.indexOf(' ')))) {
                        s.execute("ALTER TABLE contracts ADD COLUMN IF NOT EXISTS " + column);
                    }
                }
                widenNumbers(s);
                return;
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.debug("contract store: preparing the table failed at attempt {} (SQL state {}), probably as another"
                        + " process prepared it at the same moment; trying again", attempt, e.getSQLState());
                pause(attempt);
            }
        }
    }

    /** The table's column names, in lower case; none when there is no table yet. */
    private static Set<String> columns(Statement s) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM contracts WHERE 1 = 0")) {
            ResultSetMetaData m = rs.getMetaData();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                names.add(m.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            if (!NO_TABLE.contains(String.valueOf(e.getSQLState()))) {
                throw e;
            }
        }
        return names;
    }

    /**
     * Widens each numeric column that an older table has narrower than {@link #DECIMAL} (the first
     * schema's DECIMAL(38,18)): the values already there are kept, and from now on stored exactly.
     * {@code SET DATA TYPE} is the SQL standard's spelling, which H2 and PostgreSQL both read.
     */
    private static void widenNumbers(Statement s) throws SQLException {
        List<String> narrow = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", NUMBERS) + " FROM contracts WHERE 1 = 0")) {
            ResultSetMetaData m = rs.getMetaData();
            for (int i = 1; i <= NUMBERS.size(); i++) {
                if (m.getScale(i) < Contract.MAX_SCALE || m.getPrecision(i) - m.getScale(i) < Contract.MAX_INTEGER_DIGITS) {
                    narrow.add(NUMBERS.get(i - 1));
                }
            }
        }
        for (String column : narrow) {
            s.execute("ALTER TABLE contracts ALTER COLUMN " + column + " SET DATA TYPE " + DECIMAL);
        }
        if (!narrow.isEmpty()) {
            LOG.info("contract store: columns {} widened to {}, which keeps every number an exchange may list exactly",
                    narrow, DECIMAL);
        }
    }

    private static List<Contract> select(Connection c, String exchange) throws SQLException {
        List<Contract> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, exchange);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(new Contract(exchange, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                                rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getString(11), rs.getBoolean(12),
                                rs.getString(13)));
                    } catch (InvalidContractException e) {
                        LOG.warn("the contract store holds a contract that is not valid, probably stored by an older"
                                + " antrest; it is read as absent, and a sync replaces it: {}", e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    private void write(Connection c, String exchange, Collection<Contract> contracts) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(DELETE)) {
            del.setString(1, exchange);
            del.executeUpdate();
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            for (Contract k : bySymbol(contracts).values()) {
                ins.setString(1, exchange);
                ins.setString(2, k.symbol());
                ins.setString(3, k.baseAsset());
                ins.setString(4, k.quoteAsset());
                ins.setString(5, k.settlementCurrency());
                ins.setBigDecimal(6, k.tickSize());
                ins.setBigDecimal(7, k.lotSize());
                ins.setBigDecimal(8, k.minQuantity());
                ins.setBigDecimal(9, k.maxQuantity());
                ins.setBigDecimal(10, k.maxPrice());
                ins.setBigDecimal(11, k.minNotional());
                ins.setString(12, k.status());
                ins.setBoolean(13, k.trading());
                ins.setString(14, k.type());
                ins.setObject(15, now);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private static Map<String, Contract> bySymbol(Collection<Contract> contracts) {
        Map<String, Contract> m = new TreeMap<>();
        for (Contract k : contracts) {
            m.put(k.symbol(), k);
        }
        return m;
    }

    private ContractStoreException failure(String what, SQLException e) {
        String message = e.getMessage() == null ? "" : masked(e.getMessage());
        Throwable cause = e;
        String inner = e.getCause() == null ? null : e.getCause().getMessage();
        String why = inner == null ? "" : masked(inner);
        if (!message.equals(e.getMessage()) || !why.equals(inner == null ? "" : inner)) {
            // Drivers repeat the URL, password included, in their messages: keep only a masked copy.
            SQLException safe = new SQLException(message, e.getSQLState(), e.getErrorCode());
            safe.setStackTrace(e.getStackTrace());
            cause = safe;
        }
        if (!why.isEmpty() && !message.contains(why)) {
            // A pool's "connection is not available" says why only in its cause: "Connection to host:port refused".
            message = message + ": " + why;
        }
        if (jdbcUrl != null && NO_CONNECTION.equals(e.getSQLState()) && !driverFound(jdbcUrl)) {
            return new ContractStoreException("could not " + what + " in the contract store " + description
                    + ": no JDBC driver on the class path or module path accepts this URL. Add " + driverFor(jdbcUrl)
                    + " to the application's dependencies (the contract store reaches its database through JDBC"
                    + " and brings no driver itself), or give the store a DataSource", cause);
        }
        return new ContractStoreException("could not " + what + " in the contract store " + description + ": "
                + message + " (SQL state " + e.getSQLState() + "). Check that the database is reachable and its"
                + " JDBC driver is on the path", cause);
    }

    /** Whether a registered driver accepts the URL; DriverManager says "No suitable driver" (SQL state 08001) when none. */
    private static boolean driverFound(String jdbcUrl) {
        try {
            DriverManager.getDriver(jdbcUrl);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The driver an embedder adds for this URL, as Maven coordinates where we know them. */
    static String driverFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "the H2 driver com.h2database:h2 (H2 is the embedded default database)";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "the PostgreSQL driver org.postgresql:postgresql";
        }
        return "the JDBC driver of that database";
    }

    private static String masked(String jdbcUrl) {
        return Redactor.url(jdbcUrl);
    }
}
