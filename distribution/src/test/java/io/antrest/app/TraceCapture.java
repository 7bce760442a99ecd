package io.antrest.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Logging of this JVM under a given Logback configuration, with everything written to standard
 * output and standard error captured, until {@link #close()} puts back the streams and the tests'
 * own configuration.
 */
final class TraceCapture implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LoggerContext context;

    private TraceCapture(String configuration, Path home) throws Exception {
        this.out = System.out;
        this.err = System.err;
        this.context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        context.reset();
        context.putProperty("antrest.home", home.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(configuration.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Configures Logback with {@code configuration} ({@code ${antrest.home}} set to {@code home},
     * so the file appender writes under {@code home/logs}) and starts capturing.
     */
    static TraceCapture start(String configuration, Path home) throws Exception {
        return new TraceCapture(configuration, home);
    }

    /** What was written to standard output and standard error so far. */
    String console() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Every log file under {@code home/logs}, one after the other (read after {@link #close()}, which flushes them). */
    static String logFiles(Path home) throws IOException {
        Path logs = home.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            context.reset();
            new ContextInitializer(context).autoConfig();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
