package io.antrest.app.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus's text exposition format (version 0.0.4): every line must be a
 * {@code # HELP}, a {@code # TYPE}, another comment, blank, or a sample whose metric name, labels and
 * value are well formed and whose family was typed before it. A line that is none of these fails
 * the reading, naming the line.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?)");
    private static final Set<String> SUFFIXES = Set.of("_bucket", "_count", "_sum", "_total", "_created", "_max");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** Every sample of a scrape; fails on the first line that is not in the format. */
    static List<Sample> parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher t = TYPE.matcher(line);
                if (t.matches()) {
                    types.put(t.group(1), t.group(2));
                } else if (line.startsWith("# TYPE") || line.startsWith("# HELP") && !HELP.matcher(line).matches()) {
                    throw new AssertionError("line " + n + " is a malformed HELP or TYPE: " + line);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("line " + n + " is not a sample: " + line);
            }
            String name = m.group(1);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int at = 0;
                while (at < m.group(3).length()) {
                    if (!l.find(at) || l.start() != at) {
                        throw new AssertionError("line " + n + " has malformed labels: " + line);
                    }
                    if (labels.put(l.group(1), l.group(2)) != null) {
                        throw new AssertionError("line " + n + " repeats label " + l.group(1) + ": " + line);
                    }
                    at = l.end();
                }
            }
            if (!VALUE.matcher(m.group(4)).matches()) {
                throw new AssertionError("line " + n + " has no number for a value: " + line);
            }
            if (!typed(name, types)) {
                throw new AssertionError("line " + n + " is a sample of a family with no TYPE before it: " + line);
            }
            String v = m.group(4);
            double value = v.endsWith("Inf") ? (v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(v);
            samples.add(new Sample(name, labels, value));
        }
        return samples;
    }

    private static boolean typed(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return true;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }
}
