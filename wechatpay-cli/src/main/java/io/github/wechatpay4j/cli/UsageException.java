package io.github.wechatpay4j.cli;

/** The command line or the configuration it names is wrong: exit code 5, one line on stderr. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
