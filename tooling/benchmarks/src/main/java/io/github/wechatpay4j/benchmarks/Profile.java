package io.github.wechatpay4j.benchmarks;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Summarises JDK Flight Recorder files (JFR's own method sampling, {@code jdk.ExecutionSample}) as text: where the CPU
 * went by thread group, by the method on top of the stack (self), and by every method on the stack (total), with the
 * share of samples. Usage: {@code Profile TOP FILE.jfr…}; several files (several runs of one fresh-JVM case) are
 * added up. The JDK's own {@code jdk.jfr.consumer} API: nothing to install.
 */
public final class Profile {
    private Profile() {}

    public static void main(String[] args) throws IOException {
        int top = Integer.parseInt(args[0]);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> events = new HashMap<>();
        int samples = 0;
        for (int i = 1; i < args.length; i++) {
            for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[i]))) {
                String type = e.getEventType().getName();
                events.merge(type, 1, Integer::sum);
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedThread thread = e.getThread("sampledThread");
                threads.merge(group(thread == null ? "?" : thread.getJavaName()), 1, Integer::sum);
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f);
                    if (seen.add(n)) {
                        total.merge(n, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("JFR execution samples: " + samples + " (files: " + (args.length - 1) + "; thread starts: "
                + events.getOrDefault("jdk.ThreadStart", 0) + ", GCs: "
                + events.getOrDefault("jdk.GarbageCollection", 0) + ")");
        print("threads (grouped by name)", threads, samples, top);
        print("self: the method on top of the stack", self, samples, top);
        print("total: every method on the stack", total, samples, top);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println();
        System.out.println("## " + title);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            System.out.println(String.format(Locale.ROOT, "%6.1f%%  %s", 100.0 * e.getValue() / samples, e.getKey()));
        }
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** A thread's name without its counter ({@code wechatpay4j-work-1-2} → {@code wechatpay4j-work-#-#}). */
    private static String group(String thread) {
        return thread.replaceAll("([-#])\\d+", "$1#");
    }
}
