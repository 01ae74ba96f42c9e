package io.github.wechatpay4j.cli;

/** {@code java -jar wechatpay.jar COMMAND …}: runs {@link Cli} on the process's streams and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err, System.getenv()).run(args);
        System.out.flush();
        if (code != Cli.OK) {
            System.exit(code);
        }
    }
}
