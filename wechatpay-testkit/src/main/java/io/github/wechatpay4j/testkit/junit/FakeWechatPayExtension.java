package io.github.wechatpay4j.testkit.junit;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Set;

/**
 * The JUnit 5 extension behind {@link WithFakeWechatPay}: one server (and one client, made when first asked for)
 * per test class, kept in the class's extension store and closed with it. No static state: parallel classes each
 * get their own server.
 */
public final class FakeWechatPayExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeWechatPayExtension.class);
    private static final Set<Class<?>> INJECTABLE = Set.of(FakeWechatPay.class, WechatPay.class, TestKeys.class);

    /** The server and client of one test class. */
    private static final class Fixture implements ExtensionContext.Store.CloseableResource {
        final WithFakeWechatPay settings;
        final FakeWechatPay server;
        private WechatPay client;

        Fixture(WithFakeWechatPay settings) {
            this.settings = settings;
            this.server = FakeWechatPay.start(TestKeys.generate(), settings.mode());
        }

        synchronized WechatPay client() {
            if (client == null) {
                client = settings.autoCertificates()
                        ? server.merchantBuilder().autoCertificates().build()
                        : server.clientBuilder().build();
            }
            return client;
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.close();
            }
            server.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        fixture(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fixture(context).server.clearRequests();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixture fixture = fixture(context);
        fixture.server.clearFaults();
        fixture.server.mode(fixture.settings.mode());
        fixture.server.receiptHashType("SHA256");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture fixture = fixture(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == FakeWechatPay.class) {
            return fixture.server;
        }
        if (type == TestKeys.class) {
            return fixture.server.keys();
        }
        if (type == WechatPay.class) {
            try {
                return fixture.client();
            } catch (RuntimeException e) {
                throw new ParameterResolutionException(
                        "cannot build a WechatPay client for the fake server: " + e.getMessage()
                                + " (add a transport and a JSON adapter to the test class path)",
                        e);
            }
        }
        throw new ParameterResolutionException("cannot inject " + type);
    }

    /** The fixture of the test class of {@code context}, made on first use. */
    private static Fixture fixture(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        // keyed by class: a @Nested class with its own annotation gets its own server, not its outer class's
        Class<?> owner = owner(testClass);
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(owner, key -> new Fixture(settings(owner)), Fixture.class);
    }

    /** The innermost class that carries the annotation: the one whose server a test uses. */
    private static Class<?> owner(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(WithFakeWechatPay.class)) {
                return c;
            }
        }
        return testClass;
    }

    private static WithFakeWechatPay settings(Class<?> owner) {
        WithFakeWechatPay found = owner.getAnnotation(WithFakeWechatPay.class);
        return found != null ? found : Defaults.class.getAnnotation(WithFakeWechatPay.class);
    }

    /** Carries the default settings, for classes that register the extension with {@code @ExtendWith}. */
    @WithFakeWechatPay
    private static final class Defaults {}
}
