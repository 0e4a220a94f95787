-- Outbox dispatch and the operator views over the outbox and the audit trail.

-- The dispatcher claims only the first undelivered event of each topic (so a topic is owned by
-- one instance at a time and delivered in order); this index answers "is there an earlier
-- undelivered event in this topic?" without scanning delivered history.
create index outbox_event_topic_pending on outbox_event (topic, seq) where delivered_at is null;

-- Operator lists: delivered history by topic, audit trail by actor, both newest first.
create index outbox_event_topic_seq on outbox_event (topic, seq);
create index audit_log_actor on audit_log (actor, id);
