package io.antrest.app.faults;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A table of the test suites' reports ({@code fault-report.txt}, {@code shared-budget-report.txt}):
 * Markdown that reads as plain text too, columns padded to their widest cell, so that it can be
 * pasted into the README as it is. Text columns are left-aligned, numbers right-aligned.
 */
public final class MarkdownTable {
    private final String[] header;
    private final IntPredicate leftAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param header      the column names
     * @param leftAligned which columns (by index from 0) hold text; the others are right-aligned
     */
    public MarkdownTable(String[] header, IntPredicate leftAligned) {
        this.header = header.clone();
        this.leftAligned = requireNonNull(leftAligned, "leftAligned is null");
    }

    /** Adds a row of as many cells as the header has. */
    public MarkdownTable add(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row has " + cells.length + " cells, the header " + header.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** The header, its rule (colons marking the alignment) and the rows, a line each. */
    public String render() {
        int[] width = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] row : all) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        String[] rule = new String[header.length];
        for (int c = 0; c < rule.length; c++) {
            boolean left = leftAligned.test(c);
            rule[c] = (left ? ":" : "") + "-".repeat(Math.max(1, width[c] - 1)) + (left ? "" : ":");
        }
        all.add(1, rule);
        StringBuilder sb = new StringBuilder();
        for (String[] row : all) {
            sb.append('|');
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(width[c] - row[c].length());
                sb.append(' ').append(leftAligned.test(c) ? row[c] + pad : pad + row[c]).append(" |");
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
