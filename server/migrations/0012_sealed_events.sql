-- Events that carry secrets IDA needs (API and MISP license keys) are kept sealed with the
-- data key until they are delivered, then the sealed copy is dropped: a database dump does not
-- reveal the keys. `payload` then holds the event with its data withheld, for operators.
alter table outbox_event add column sealed_payload text;
