-- The table JdbcDeliveryTracker keeps one row per WeChat Pay notification in: claimed (IN_PROGRESS) while a
-- listener handles it, DONE once handled. Times are epoch milliseconds, portable across databases.
-- Rename the table with wechatpay.delivery-tracker.table; the starter creates it itself on an embedded database,
-- or on any when wechatpay.delivery-tracker.initialize-schema=always.
CREATE TABLE wechatpay_notification (
    notification_id VARCHAR(64) NOT NULL PRIMARY KEY,
    state VARCHAR(16) NOT NULL,
    claimed_at BIGINT NOT NULL,
    completed_at BIGINT
)
