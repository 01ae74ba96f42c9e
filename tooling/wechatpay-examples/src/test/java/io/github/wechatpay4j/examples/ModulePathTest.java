package io.github.wechatpay4j.examples;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the demo in a child JVM on the module path (every other test runs on the class path): the module descriptors
 * must resolve, the adapters must be found by service binding, and the JSON adapter must be able to read the typed
 * records of wechatpay-api.
 */
class ModulePathTest {
    @Test
    void demoRunsOnTheModulePath() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String modulePath = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .filter(e -> !e.matches(".*(junit|opentest4j|apiguardian).*"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                modulePath,
                "-m",
                "io.github.wechatpay4j.examples/io.github.wechatpay4j.examples.Demo"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the demo did not finish");
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("transport=jdk, json=jackson"), out);
        assertTrue(out.contains("-> state ESTABLISHED"), out);
        assertTrue(out.contains("every one signed and verified by the fake server: true"), out);
    }
}
