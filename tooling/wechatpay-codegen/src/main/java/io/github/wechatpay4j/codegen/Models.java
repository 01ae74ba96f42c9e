package io.github.wechatpay4j.codegen;

import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The business objects WeChat Pay answers in one shape from several operations ({@code src/main/spec/models.json}):
 * each becomes one shared record in {@code io.github.wechatpay4j.api.model} that all of those operations return, so
 * that an order from the query by ID, the query by out_trade_no and the {@code TRANSACTION.SUCCESS} notification is
 * one type. Its schema is the union of the operations' answer schemas.
 *
 * @param models the shared models, in the file's order
 */
public record Models(List<Model> models) {

    /** The package the shared records live in. */
    public static final String PACKAGE = "io.github.wechatpay4j.api.model";

    /**
     * One shared record.
     *
     * @param name    its simple name ({@code Transaction})
     * @param answers the operations ({@code METHOD /path}) whose answer it is
     * @param source  the reference that models it as one type (the official SDK's model file)
     */
    public record Model(String name, List<String> answers, String source) {}

    public Models {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** No shared models. */
    public static Models none() {
        return new Models(List.of());
    }

    /** Reads a models file. */
    public static Models read(Path file) {
        try {
            return JsonMapper.builder().build().readValue(Files.readAllBytes(file), Models.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shared models " + file + ": " + e.getMessage(), e);
        }
    }

    /** The model name of each operation whose answer is shared. */
    public Map<String, String> byOperation() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Model m : models) {
            if (m.source() == null || m.source().isBlank()) {
                throw new IllegalStateException("the shared model " + m.name() + " names no source");
            }
            for (String op : m.answers()) {
                if (out.put(op, m.name()) != null) {
                    throw new IllegalStateException(op + " is the answer of two shared models");
                }
            }
        }
        return out;
    }

    /** The union of two answer schemas: every property of either, nested objects and array items merged too. */
    static Spec.Schema union(Spec.Schema a, Spec.Schema b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.isObject() && b.isObject()) {
            Map<String, Spec.Schema> properties = new LinkedHashMap<>(a.properties());
            b.properties().forEach((k, v) -> properties.merge(k, v, Models::union));
            List<String> required = new ArrayList<>(new LinkedHashSet<>(a.required()));
            required.retainAll(b.required()); // required only where every operation answers it
            return new Spec.Schema(
                    "object",
                    a.format(),
                    a.enumValues(),
                    required,
                    properties,
                    null,
                    a.example(),
                    a.encrypted(),
                    a.maxLength(),
                    a.pattern());
        }
        if ("array".equals(a.type()) && "array".equals(b.type())) {
            return new Spec.Schema(
                    "array",
                    a.format(),
                    a.enumValues(),
                    a.required(),
                    a.properties(),
                    union(a.items(), b.items()),
                    a.example(),
                    a.encrypted(),
                    a.maxLength(),
                    a.pattern());
        }
        if (!a.enumValues().isEmpty() && !b.enumValues().isEmpty()) {
            List<String> values = new ArrayList<>(new LinkedHashSet<>(a.enumValues()));
            b.enumValues().stream().filter(v -> !values.contains(v)).forEach(values::add);
            return new Spec.Schema(
                    a.type(),
                    a.format(),
                    values,
                    a.required(),
                    a.properties(),
                    a.items(),
                    a.example(),
                    a.encrypted(),
                    a.maxLength(),
                    a.pattern());
        }
        return a;
    }
}
