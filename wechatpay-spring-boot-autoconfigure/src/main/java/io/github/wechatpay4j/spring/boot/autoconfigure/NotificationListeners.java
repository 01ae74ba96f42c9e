package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.notification.Notification;
import io.github.wechatpay4j.notification.NotificationEvent;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link WechatPayListener} methods of the application's beans, found once the singletons exist, and the
 * dispatch of a notification to those that take it. A listener's exception goes up unchanged, so that the
 * notification is answered with a failure and delivered again.
 */
final class NotificationListeners implements SmartInitializingSingleton {
    private static final System.Logger LOG = System.getLogger(NotificationListeners.class.getName());

    private record Listener(Object bean, Method method, List<String> types, String merchant, Class<?> parameter) {
        boolean takes(String merchantName, String eventType, Object event) {
            return (merchant.isEmpty() || merchant.equals(merchantName))
                    && (types.contains("*") || types.contains(eventType))
                    && (parameter.isInstance(event)
                            || parameter == Notification.class && event instanceof NotificationEvent);
        }
    }

    private final ApplicationContext context;
    private volatile List<Listener> listeners = List.of();

    private final boolean apiV2;

    NotificationListeners(ApplicationContext context) {
        this.context = context;
        this.apiV2 = ApiV2Support.available(NotificationListeners.class.getClassLoader());
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Listener> found = new ArrayList<>();
        for (String name : context.getBeanNamesForType(Object.class, false, false)) {
            Object bean = context.getBean(name);
            Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
            MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<WechatPayListener>)
                            m -> AnnotatedElementUtils.findMergedAnnotation(m, WechatPayListener.class))
                    .forEach((method, annotation) -> found.add(
                            listener(bean, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
        }
        listeners = List.copyOf(found);
        LOG.log(System.Logger.Level.DEBUG, () -> "WeChat Pay listeners: " + listeners.size());
    }

    private Listener listener(Object bean, Method method, WechatPayListener annotation) {
        if (method.getParameterCount() != 1
                || !(NotificationEvent.class.isAssignableFrom(method.getParameterTypes()[0])
                        || method.getParameterTypes()[0] == Notification.class
                        || apiV2 && ApiV2Support.isEvent(method.getParameterTypes()[0]))) {
            throw new ConfigurationException(
                    "@WechatPayListener " + method.getDeclaringClass().getName() + "."
                            + method.getName() + " must take one parameter: a NotificationEvent (TransactionSuccess,"
                            + " RefundNotice…), a Notification, or an APIv2 notification (ApiV2PaymentNotification,"
                            + " ApiV2RefundNotification, ApiV2Notification)");
        }
        if (annotation.value().length == 0) {
            throw new ConfigurationException(
                    "@WechatPayListener " + method.getDeclaringClass().getName() + "." + method.getName()
                            + " names no event type; use \"*\" for every type");
        }
        method.setAccessible(true);
        return new Listener(
                bean, method, Arrays.asList(annotation.value()), annotation.merchant(), method.getParameterTypes()[0]);
    }

    /** Hands {@code event} of merchant {@code merchantName} to every listener that takes it. */
    void dispatch(String merchantName, NotificationEvent event) {
        dispatch(merchantName, event.eventType(), event.id(), event);
    }

    /**
     * Hands {@code event} (an APIv3 {@code NotificationEvent} or an APIv2 notification) of type {@code eventType} to
     * every listener that takes it.
     */
    void dispatch(String merchantName, String eventType, String id, Object event) {
        int handled = 0;
        for (Listener l : listeners) {
            if (!l.takes(merchantName, eventType, event)) {
                continue;
            }
            handled++;
            try {
                l.method()
                        .invoke(
                                l.bean(),
                                l.parameter() == Notification.class
                                        ? ((NotificationEvent) event).notification()
                                        : event);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        if (handled == 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "no @WechatPayListener takes " + eventType + " of merchant " + merchantName + " (notification " + id
                            + "); it is acknowledged unhandled");
        }
    }
}
