package io.github.wechatpay4j.codegen;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The operation facts core acts on, for typed and untyped calls alike, as one table generated from the corrected
 * spec: which answers are files (unsigned, or a statement signed through its SHA-1), which operations another host
 * serves, which require an {@code Idempotency-Key}, which business key makes a repeat safe, and how an upload's
 * {@code meta} names its file and which files it takes (APIv3; APIv2 operations for their hosts only). One tab-separated line per operation with any fact other
 * than the defaults (signed JSON on the API host, no key, not an upload); every upload is listed with its meta.
 *
 * <p>Core cannot depend on the generator (it is built first), so the table is committed to core's resources and
 * {@code OperationFactsTableTest} in wechatpay-api fails when it differs from what this class generates:
 *
 * <pre>java io.github.wechatpay4j.codegen.FactsTable wechatpay-api/src/main/spec
 *     wechatpay-core/src/main/resources/io/github/wechatpay4j/internal/operation-facts.tsv</pre>
 */
public final class FactsTable {
    /** Where the table lives in core's jar. */
    public static final String RESOURCE = "io/github/wechatpay4j/internal/operation-facts.tsv";

    private FactsTable() {}

    /** The table for {@code spec} (corrections applied), with the attribution of the facts it derives from. */
    public static String of(Spec spec) {
        StringBuilder out = new StringBuilder();
        out.append(GeneratedTables.header("FactsTable", spec))
                .append("# method\tpath\tanswer\thost\tidempotency-key\tbusiness-key\tupload\n");
        List<String> templates = spec.operations().stream()
                .filter(op -> hasFacts(op) && op.path().contains("{"))
                .map(Spec.Operation::path)
                .toList();
        for (Spec.Operation op : spec.operations()) {
            // a literal path a template with facts would otherwise capture is listed too, with its own (default) facts
            if (!hasFacts(op) && templates.stream().noneMatch(t -> captures(t, op.path()))) {
                continue;
            }
            // APIv2 answers are judged by its scheme (its own table in wechatpay-v2): only their hosts matter here
            String answer = !op.produces().equals("download") || op.api().equals("v2")
                    ? "signed"
                    : op.unsigned() ? "unsigned" : "statement";
            String host = op.host() == null ? "-" : op.host().replaceAll("/+$", "");
            String upload = upload(Spec.Upload.of(op));
            out.append(String.join(
                            "\t",
                            op.method(),
                            op.path(),
                            answer,
                            host,
                            op.idempotencyKey() ? "required" : "-",
                            op.businessKey() == null ? "-" : op.businessKey(),
                            upload))
                    .append('\n');
        }
        return out.toString();
    }

    private static boolean hasFacts(Spec.Operation op) {
        if (op.api().equals("v2")) {
            return op.host() != null;
        }
        return op.produces().equals("download")
                || op.host() != null
                || op.idempotencyKey()
                || op.businessKey() != null
                || Spec.Upload.of(op) != null;
    }

    /** Whether {@code template}'s placeholders would match the literal segments of the other path {@code path}. */
    private static boolean captures(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length || template.equals(path)) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!(t[i].startsWith("{") || t[i].equals(p[i]))) {
                return false;
            }
        }
        return true;
    }

    /** {@code part=…;filename=…;digest=…;hash=…;case=…;algorithm-field=…;algorithm=…;max=ext:bytes,…}, or {@code -}. */
    private static String upload(Spec.Upload u) {
        if (u == null) {
            return "-";
        }
        StringJoiner max = new StringJoiner(",");
        new TreeMap<>(u.maxBytes()).forEach((ext, bytes) -> max.add(ext + ":" + bytes));
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("part", u.filePart());
        parts.put("filename", dash(u.filenameField()));
        parts.put("digest", u.digestField());
        parts.put("hash", u.hashType());
        parts.put("case", u.upperCase() ? "upper" : "lower");
        parts.put("algorithm-field", dash(u.algorithmField()));
        parts.put("algorithm", dash(u.algorithm()));
        parts.put("max", u.maxBytes().isEmpty() ? "-" : max.toString());
        StringJoiner out = new StringJoiner(";");
        parts.forEach((k, v) -> out.add(k + "=" + v));
        return out.toString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** Writes the table of the spec in {@code args[0]} to the file {@code args[1]}. */
    public static void main(String[] args) {
        GeneratedTables.main("FactsTable", args, FactsTable::of);
    }
}
