package io.github.wechatpay4j.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The APIv2 operation facts the APIv2 scheme acts on, as one table generated from the corrected spec: which operations
 * require the merchant's API client certificate (mutual TLS), which sign types an operation's {@code sign_type}
 * accepts and whether it must be sent, and which fields name the merchant and the app ID. One tab-separated line per APIv2 operation, by path on the wire.
 *
 * <p>{@code wechatpay-v2} cannot depend on the generator, so the table is committed to its resources and
 * {@code CorrectedSpecTest} in wechatpay-api fails when it differs from what this class generates:
 *
 * <pre>java io.github.wechatpay4j.codegen.ApiV2Table wechatpay-api/src/main/spec
 *     wechatpay-v2/src/main/resources/io/github/wechatpay4j/v2/apiv2-operations.tsv</pre>
 */
public final class ApiV2Table {
    /** Where the table lives in wechatpay-v2's jar. */
    public static final String RESOURCE = "io/github/wechatpay4j/v2/apiv2-operations.tsv";

    private ApiV2Table() {}

    /** The table for {@code spec} (corrections applied), with the attribution of the facts it derives from. */
    public static String of(Spec spec) {
        StringBuilder out = new StringBuilder()
                .append(GeneratedTables.header("ApiV2Table", spec))
                .append("# certificate: required = the call presents the merchant's API client certificate (mTLS)\n")
                .append("# sign-types: what sign_type accepts (| between), * = any, - = the operation takes no")
                .append(" sign_type (MD5)\n")
                .append("# sign-type-field: required = sign_type is always sent, optional = sent when not MD5,")
                .append(" none\n")
                .append("# merchant-field: the field that names the merchant (mch_id, mchid, combine_mch_id)\n")
                .append(
                        "# app-field: the field that names the app ID (appid, mch_appid, wxappid, combine_appid), - none\n")
                .append(
                        "# nonce: taken = the fields include nonce_str, none = they do not (a GET's query; POSTs follow")
                .append(" apiv2-facts.tsv)\n")
                .append("# method\tpath\tcertificate\tsign-types\tsign-type-field\tmerchant-field\tapp-field\tnonce\n");
        List<Spec.Operation> v2 = spec.operations().stream()
                .filter(op -> op.api().equals("v2"))
                .sorted(Comparator.comparing(Spec.Operation::path).thenComparing(Spec.Operation::method))
                .toList();
        for (Spec.Operation op : v2) {
            Spec.Schema body = fields(op);
            Spec.Schema signType = body == null ? null : body.properties().get("sign_type");
            String types = signType == null
                    ? "-"
                    : signType.enumValues().isEmpty()
                            ? "*"
                            : String.join(
                                    "|", signType.enumValues().stream().sorted().toList());
            String field = signType == null ? "none" : body.required().contains("sign_type") ? "required" : "optional";
            // a body the spec does not describe takes the usual names
            boolean described = body != null && !body.properties().isEmpty();
            String merchant = first(body, MERCHANT_FIELDS, "mch_id");
            String app = first(body, APP_FIELDS, described ? "-" : "appid");
            out.append(String.join(
                            "\t",
                            op.method(),
                            op.path(),
                            op.certificateRequired() ? "required" : "-",
                            types,
                            field,
                            merchant,
                            app,
                            body != null && body.properties().containsKey("nonce_str") ? "taken" : "none"))
                    .append('\n');
        }
        return out.toString();
    }

    private static final List<String> MERCHANT_FIELDS = List.of("mch_id", "mchid", "combine_mch_id");
    private static final List<String> APP_FIELDS = List.of("appid", "mch_appid", "wxappid", "combine_appid");

    /** An operation's fields: its XML body's, a GET's query parameters or an upload's form fields, as one schema. */
    private static Spec.Schema fields(Spec.Operation op) {
        String in = op.method().equals("GET") ? "query" : op.consumes().equals("multipart") ? "form" : null;
        if (in == null) {
            return op.body();
        }
        Map<String, Spec.Schema> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Spec.Parameter p : op.parameters()) {
            if (p.in().equals(in)
                    && !(p.schema() != null && "file".equals(p.schema().type()))) {
                properties.put(p.name(), p.schema());
                if (p.required()) {
                    required.add(p.name());
                }
            }
        }
        return new Spec.Schema("object", null, null, required, properties, null, null, false, null, null);
    }

    /** The first of {@code names} that {@code body} has, else {@code otherwise}. */
    private static String first(Spec.Schema body, List<String> names, String otherwise) {
        if (body == null) {
            return otherwise;
        }
        return names.stream().filter(body.properties()::containsKey).findFirst().orElse(otherwise);
    }

    /** Writes the table of the spec in {@code args[0]} to the file {@code args[1]}. */
    public static void main(String[] args) {
        GeneratedTables.main("ApiV2Table", args, ApiV2Table::of);
    }
}
