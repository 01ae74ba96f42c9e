package io.github.wechatpay4j.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reviewed corrections to the imported spec ({@code src/main/spec/corrections.json}): where wechatpay-openapi
 * is wrong or silent about how WeChat Pay serves an operation, a correction sets the operation's facts and names its
 * source (a reference SDK's file, an official page). Applied when the typed API is generated; the imported
 * {@code operations.json} itself stays as imported, so a re-import never loses a correction. Every correction must
 * name a source and a reason, match exactly one operation and change it: one the upstream spec has caught up with
 * fails the build, to be removed.
 *
 * @param corrections the corrections, in the file's order
 */
public record Corrections(List<Correction> corrections) {

    /** The facts a correction may set; anything else is refused. */
    static final Set<String> SETTABLE = Set.of("produces", "unsigned", "host", "businessKey", "upload");

    /**
     * One correction.
     *
     * @param operation {@code METHOD /path}, exactly as in the spec
     * @param set       the facts to set, by their spec names
     * @param add       schemas to add or replace, by where they go: {@code response}, {@code body} (then a dotted
     *                  path into it, {@code []} stepping into an array's items: {@code data[].amount.total}) or
     *                  {@code query} (then a parameter name)
     * @param remove    members to take out, by where they are ({@code response} or {@code body}, then dotted paths
     *                  as for {@code add}): request-only fields an answer never carries, say
     * @param define    a whole operation the imported spec lacks (its {@code api}, {@code path} and the rest), or
     *                  {@code null}
     * @param source    where the corrected fact comes from: a reference SDK's file, an official page
     * @param why       what is wrong or missing in the imported spec
     */
    public record Correction(
            String operation,
            Map<String, Object> set,
            Map<String, Map<String, Object>> add,
            Map<String, List<String>> remove,
            Map<String, Object> define,
            String source,
            String why) {
        public Correction {
            set = set == null ? Map.of() : set;
            add = add == null ? Map.of() : add;
            remove = remove == null ? Map.of() : remove;
        }

        /** A correction that sets scalar facts. */
        public Correction(String operation, Map<String, Object> set, String source, String why) {
            this(operation, set, null, null, null, source, why);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Reads a corrections file. */
    public static Corrections read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), Corrections.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec corrections " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The spec with every correction applied.
     *
     * @throws IllegalStateException for a correction without a source or reason, one that matches no operation,
     *                               sets a fact that cannot be corrected, or changes nothing
     */
    public Spec apply(Spec spec) {
        List<Spec.Operation> out = new ArrayList<>(spec.operations());
        for (Correction c : corrections) {
            if (c.source() == null
                    || c.source().isBlank()
                    || c.why() == null
                    || c.why().isBlank()) {
                throw new IllegalStateException("the correction of " + c.operation() + " names no source or reason");
            }
            int index = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).key().equals(c.operation())) {
                    index = i;
                }
            }
            if (c.define() != null) {
                if (index >= 0) {
                    throw new IllegalStateException("the correction defines " + c.operation() + ", which the"
                            + " imported spec has: remove it");
                }
                Spec.Operation defined = JSON.convertValue(c.define(), Spec.Operation.class);
                if (!defined.key().equals(c.operation())) {
                    throw new IllegalStateException("the correction of " + c.operation() + " defines " + defined.key());
                }
                out.add(defined);
                continue;
            }
            if (index < 0) {
                throw new IllegalStateException("the correction of " + c.operation() + " matches no operation");
            }
            ObjectNode node = JSON.valueToTree(out.get(index));
            JsonNode before = node.deepCopy();
            for (Iterator<Map.Entry<String, Object>> it = c.set().entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Object> fact = it.next();
                if (!SETTABLE.contains(fact.getKey())) {
                    throw new IllegalStateException("the correction of " + c.operation() + " sets '" + fact.getKey()
                            + "'; correctable facts are " + SETTABLE);
                }
                node.set(fact.getKey(), JSON.valueToTree(fact.getValue()));
            }
            c.add()
                    .forEach((target, schemas) -> schemas.forEach(
                            (where, schema) -> add(node, c.operation(), target, where, JSON.valueToTree(schema))));
            c.remove()
                    .forEach((target, members) -> members.forEach(where -> remove(node, c.operation(), target, where)));
            if (node.equals(before)) {
                throw new IllegalStateException("the correction of " + c.operation() + " changes nothing: the"
                        + " imported spec has caught up; remove it");
            }
            try {
                out.set(index, JSON.treeToValue(node, Spec.Operation.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Spec(spec.source(), out);
    }

    /** Adds (or replaces) the schema at {@code where} in the operation's {@code target}. */
    private static void add(ObjectNode op, String operation, String target, String where, JsonNode schema) {
        if (target.equals("query")) {
            com.fasterxml.jackson.databind.node.ArrayNode params = op.withArray("parameters");
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).path("name").asText().equals(where)
                        && params.get(i).path("in").asText().equals("query")) {
                    params.remove(i);
                    break;
                }
            }
            ObjectNode param = JSON.createObjectNode().put("name", where).put("in", "query");
            param.set("schema", schema);
            params.add(param);
            return;
        }
        String[] steps = where.split("\\.");
        ObjectNode at = parent(op, operation, target, steps);
        at.withObject("/properties").set(steps[steps.length - 1], schema);
        if (!"object".equals(at.path("type").asText())) {
            at.put("type", "object");
        }
    }

    /** Removes the member at {@code where} of the operation's {@code target}, and its required mark. */
    private static void remove(ObjectNode op, String operation, String target, String where) {
        String[] steps = where.split("\\.");
        ObjectNode at = parent(op, operation, target, steps);
        String name = steps[steps.length - 1];
        if (at.path("properties").get(name) == null) {
            throw new IllegalStateException("the correction of " + operation + " removes " + where + ", which its "
                    + target + " does not have");
        }
        ((ObjectNode) at.get("properties")).remove(name);
        if (at.get("required") instanceof com.fasterxml.jackson.databind.node.ArrayNode required) {
            for (int i = required.size() - 1; i >= 0; i--) {
                if (required.get(i).asText().equals(name)) {
                    required.remove(i);
                }
            }
        }
    }

    /** The object schema holding the last of {@code steps} in the operation's {@code response} or {@code body}. */
    private static ObjectNode parent(ObjectNode op, String operation, String target, String[] steps) {
        if (!target.equals("response") && !target.equals("body")) {
            throw new IllegalStateException("the correction of " + operation + " changes '" + target + "'; it can"
                    + " change response, body or query");
        }
        JsonNode root = op.get(target);
        if (!(root instanceof ObjectNode)) {
            throw new IllegalStateException("the correction of " + operation + " changes its " + target + ", which"
                    + " the imported spec does not have");
        }
        ObjectNode at = (ObjectNode) root;
        for (int i = 0; i < steps.length - 1; i++) {
            boolean items = steps[i].endsWith("[]");
            String name = items ? steps[i].substring(0, steps[i].length() - 2) : steps[i];
            JsonNode next = at.path("properties").get(name);
            if (items && next != null) {
                next = next.get("items");
            }
            if (!(next instanceof ObjectNode)) {
                throw new IllegalStateException("the correction of " + operation + " reaches " + String.join(".", steps)
                        + ", but " + target + " has no object at " + steps[i]);
            }
            at = (ObjectNode) next;
        }
        return at;
    }
}
