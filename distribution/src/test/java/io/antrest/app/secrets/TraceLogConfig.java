package io.antrest.app.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped {@code conf/logback.xml} with every logger at TRACE: the root, every logger it
 * names, {@code io.antrest}, and HttpClient's and HttpCore's loggers including the header and
 * wire logs; the console's WARN threshold lowered to TRACE too; Logback's own status printed at
 * start, which shows every level it set. Optionally without the secrets filter, to show what the
 * filter keeps out.
 */
public final class TraceLogConfig {
    /** The shipped configuration, relative to the distribution module. */
    public static final Path SHIPPED = Path.of("src", "main", "dist", "conf", "logback.xml");

    private static final String FILTER = "<turboFilter class=\"io.antrest.app.logging.SecretsTurboFilter\"/>";
    private static final String TRACE_LOGGERS = String.join("\n",
            "  <logger name=\"io.antrest\" level=\"TRACE\"/>",
            "  <logger name=\"org.apache.hc\" level=\"TRACE\"/>",
            "  <logger name=\"org.apache.hc.client5.http.wire\" level=\"TRACE\"/>",
            "  <logger name=\"org.apache.hc.client5.http.headers\" level=\"TRACE\"/>",
            "  <logger name=\"org.apache.hc.core5\" level=\"TRACE\"/>",
            "  ");

    private TraceLogConfig() {
    }

    /** The shipped configuration read from {@code file}, at TRACE. */
    public static String of(Path file, boolean keepSecretsFilter) throws IOException {
        return transform(Files.readString(file, StandardCharsets.UTF_8), keepSecretsFilter);
    }

    /** The shipped configuration of this source tree, at TRACE. */
    public static String shipped(boolean keepSecretsFilter) throws IOException {
        return of(SHIPPED, keepSecretsFilter);
    }

    static String transform(String xml, boolean keepSecretsFilter) {
        String out = require(xml, "<configuration>").replace("<configuration>", "<configuration debug=\"true\">");
        out = require(out, "<level>WARN</level>").replace("<level>WARN</level>", "<level>TRACE</level>");
        out = out.replaceAll("level=\"[A-Z]+\"", "level=\"TRACE\"");
        out = require(out, "<root ").replace("<root ", TRACE_LOGGERS + "<root ");
        if (!keepSecretsFilter) {
            out = require(out, FILTER).replace(FILTER, "");
        }
        return out;
    }

    private static String require(String xml, String part) {
        if (!xml.contains(part)) {
            throw new IllegalStateException("conf/logback.xml has changed shape: no " + part + " in it; update "
                    + TraceLogConfig.class.getSimpleName());
        }
        return xml;
    }
}
