package io.github.wechatpay4j.download;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a downloaded trade or fund-flow bill: a header line, one line per record, then a summary header and one
 * summary line. WeChat Pay writes a backquote before each value (so that spreadsheets keep long numbers as text);
 * it is removed, as are a UTF-8 BOM and {@code \r}. Values are never trimmed otherwise.
 *
 * <pre>{@code
 * BillCsv.Summary summary = BillCsv.read(Files.newInputStream(path), row -> reconcile(row.get("商户订单号")));
 * }</pre>
 */
public final class BillCsv {

    /** The bill's columns and its summary line (by summary column). */
    public record Summary(List<String> columns, List<String> summaryColumns, Map<String, String> summary) {}

    /** A whole bill in memory: columns, records, summary. */
    public record Table(
            List<String> columns,
            List<Map<String, String>> rows,
            List<String> summaryColumns,
            Map<String, String> summary) {}

    private BillCsv() {}

    /**
     * Streams the records to {@code rows} one at a time (constant memory) and returns the summary. {@code in} is
     * read to the end and closed.
     *
     * @throws MalformedResponseException when a line does not fit the header
     */
    public static Summary read(InputStream in, Consumer<Map<String, String>> rows) {
        if (in == null || rows == null) {
            throw new InvalidRequestException("the bill stream and the row consumer are required");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw malformed("the bill is empty", 0);
            }
            List<String> columns = cells(strip(headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine));
            List<String> summaryColumns = null;
            Map<String, String> summary = null;
            int lineNumber = 1;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                line = strip(line);
                if (line.isEmpty()) {
                    continue;
                }
                if (summaryColumns == null && !line.startsWith("`")) {
                    summaryColumns = cells(line); // the summary header: plain text, no backquotes
                } else if (summaryColumns == null) {
                    rows.accept(row(columns, cells(line), lineNumber));
                } else if (summary == null) {
                    summary = row(summaryColumns, cells(line), lineNumber);
                } else {
                    throw malformed("a line after the summary", lineNumber);
                }
            }
            return new Summary(
                    columns, summaryColumns == null ? List.of() : summaryColumns, summary == null ? Map.of() : summary);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read the bill: " + e, e);
        }
    }

    /** The whole bill in memory; for large bills prefer {@link #read(InputStream, Consumer)}. */
    public static Table parse(InputStream in) {
        List<Map<String, String>> rows = new ArrayList<>();
        Summary s = read(in, rows::add);
        return new Table(s.columns(), Collections.unmodifiableList(rows), s.summaryColumns(), s.summary());
    }

    private static Map<String, String> row(List<String> columns, List<String> cells, int lineNumber) {
        if (cells.size() != columns.size()) {
            throw malformed("the line has " + cells.size() + " values for " + columns.size() + " columns", lineNumber);
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String v = cells.get(i);
            row.put(columns.get(i), v.startsWith("`") ? v.substring(1) : v);
        }
        return Collections.unmodifiableMap(row);
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int comma; (comma = line.indexOf(',', from)) >= 0; from = comma + 1) {
            out.add(line.substring(from, comma));
        }
        out.add(line.substring(from));
        return out;
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static MalformedResponseException malformed(String why, int line) {
        return new MalformedResponseException(
                "the bill is not in WeChat Pay's CSV layout: " + why + (line > 0 ? " (line " + line + ")" : ""),
                200,
                null,
                null);
    }
}
