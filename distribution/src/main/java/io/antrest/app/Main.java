package io.antrest.app;

import io.antrest.app.logging.SecretsTurboFilter;
import io.antrest.core.Printable;
import io.antrest.core.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code antrest} command: the entry point of the distribution ({@code bin/antrest}). Each
 * sub-command is its own class; exit codes are the sub-command's, 2 for a usage mistake and 1 for
 * an unexpected error (a one-line message, no stack trace; the log has the details).
 */
@Command(name = "antrest", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Safe, fast, monitored access to crypto exchanges' REST APIs.",
        subcommands = {ExchangesCommand.class, SimCommand.class, ContractsCommand.class, SignCommand.class,
                RunCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code. The secrets log filter is put first in the
     * Logback context before anything runs, whatever configuration the user gave.
     */
    public static void main(String[] args) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            SecretsTurboFilter.guard(context);
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to execute (tests run it in-process). */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("antrest " + line.getCommandName() + ": " + oneLine(e));
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("antrest {} failed", line.getCommandName(), e);
            return 1;
        });
        return cmd;
    }

    private static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        // the last word printed: URLs redacted and control characters escaped, whichever message got here
        return t.getMessage() != null ? Printable.of(Redactor.url(t.getMessage()), 4000) : t.getClass().getSimpleName();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version of this build, from {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"antrest " + version(), "Java " + Runtime.version()};
        }

        static String version() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return p.getProperty("version", "unknown");
        }
    }
}
