import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';
import { enqueueEvent, type Publisher } from '../platform/outbox/events.js';
import { toIso } from '../platform/search/index.js';
import type { ExpirySettings } from './settings.js';

/** Ours: MOSIP only e-mails; here a notice row and an event a mailer (or any subscriber) can act on. */
export const EXPIRY_TOPIC = 'PMS_EXPIRY_NOTICE';
export const EXPIRY_PUBLISHER: Publisher = { name: 'ExpiryCheck', namespace: 'pms.expiry' };

export interface NoticeRow {
  id: string;
  item_type: 'API_KEY' | 'MISP_LICENSE' | 'PARTNER_CERTIFICATE';
  item_id: string;
  partner_id: string;
  item_label: string | null;
  expires_at: string;
  notified_at: string;
}

/**
 * One pass: active API keys, active MISP licenses and partners' current certificates that
 * expire within `noticeDays` get one notice each (per expiry date) and one event; items
 * already noticed are skipped, so running it again changes nothing. Key values never appear
 * in notices or their events: items are named by their public ids and labels.
 */
export async function runExpiryCheck(store: Store, settings: Pick<ExpirySettings, 'noticeDays'>): Promise<NoticeRow[]> {
  return store.tx(async (q) => {
    const horizon = sql`now() + ${settings.noticeDays} * interval '1 day'`;
    const rows = await q.query<NoticeRow>(sql`
      with due (item_type, item_id, partner_id, item_label, expires_at) as (
        select 'API_KEY', k.id, k.part_id, k.label, k.valid_to_datetime
          from partner_policy k where k.is_active and k.valid_to_datetime > now() and k.valid_to_datetime <= ${horizon}
        union all
        select 'MISP_LICENSE', m.id, m.misp_id, '****' || m.key_hint, m.valid_to_date
          from misp_license m where m.is_active and m.valid_to_date > now() and m.valid_to_date <= ${horizon}
        union all
        select 'PARTNER_CERTIFICATE', c.cert_id, p.id, c.cert_subject, least(c.cert_not_after, c.signed_not_after)
          from partner p join partner_cert_store c on c.cert_id = p.certificate_alias
          where p.is_active and least(c.cert_not_after, c.signed_not_after) > now() and least(c.cert_not_after, c.signed_not_after) <= ${horizon}
      )
      insert into expiry_notice (id, item_type, item_id, partner_id, item_label, expires_at)
      select gen_random_uuid()::text, item_type, item_id, partner_id, item_label, expires_at from due
      on conflict (item_type, item_id, expires_at) do nothing
      returning *`);
    for (const n of rows) {
      await enqueueEvent(q, EXPIRY_TOPIC, EXPIRY_PUBLISHER, {
        noticeId: n.id,
        itemType: n.item_type,
        itemId: n.item_id,
        partnerId: n.partner_id,
        itemLabel: n.item_label,
        expiresOn: toIso(n.expires_at),
      });
    }
    return rows;
  });
}

export interface ExpiryLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ExpiryChecker {
  /** One pass now (tests, operators). */
  runOnce(): Promise<number>;
  /** Stops the schedule; a pass in flight finishes first. */
  stop(): Promise<void>;
}

/** Runs the check every `intervalMinutes`, first after one interval (like the outbox dispatcher: start/stop). */
export function startExpiryCheck(opts: { store: Store; settings: ExpirySettings; log: ExpiryLog }): ExpiryChecker {
  const { store, settings, log } = opts;
  let inFlight: Promise<number> | undefined;
  const runOnce = async () => {
    const rows = await runExpiryCheck(store, settings);
    if (rows.length) log.info({ notices: rows.length }, 'expiry check: new notices');
    return rows.length;
  };
  const tick = () => {
    inFlight = runOnce().catch((err: unknown) => {
      log.error({ err }, 'expiry check failed');
      return 0;
    });
  };
  const timer = settings.enabled ? setInterval(tick, settings.intervalMinutes * 60_000) : undefined;
  timer?.unref();
  if (settings.enabled) log.info({ everyMinutes: settings.intervalMinutes, noticeDays: settings.noticeDays }, 'expiry check scheduled');
  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      await inFlight;
    },
  };
}
