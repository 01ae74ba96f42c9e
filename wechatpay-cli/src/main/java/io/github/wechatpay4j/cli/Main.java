package io.github.wechatpay4j.cli;

/** {@code java -jar wechatpay.jar COMMAND …}: runs {@link Cli} on the process's streams and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // the demo's notification endpoint runs on the JDK's HttpServer: without TCP_NODELAY each answer waits for a
        // delayed ACK (about 40 ms); an application may choose this for its own JVM, a library may not
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        int code = new Cli(System.out, System.err, System.getenv()).run(args);
        System.out.flush();
        if (code != Cli.OK) {
            System.exit(code);
        }
    }
}
