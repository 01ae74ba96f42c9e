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
    static final Set<String> SETTABLE = Set.of("produces", "unsigned", "host");

    /**
     * One correction.
     *
     * @param operation {@code METHOD /path}, exactly as in the spec
     * @param set       the facts to set, by their spec names
     * @param source    where the corrected fact comes from: a reference SDK's file, an official page
     * @param why       what is wrong or missing in the imported spec
     */
    public record Correction(String operation, Map<String, Object> set, String source, String why) {
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
            if (c.source() == null || c.source().isBlank() || c.why() == null || c.why().isBlank()) {
                throw new IllegalStateException("the correction of " + c.operation() + " names no source or reason");
            }
            int index = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).key().equals(c.operation())) {
                    index = i;
                }
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
}
