import { Type, type Static } from '../platform/vendor/typebox.js';
import { isAdmin } from '../platform/auth/access.js';
import { actorOf, type Actor } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { v2 } from '../platform/http/envelope.js';
import { NullableString, PageV2, v2Responses } from '../platform/http/response-schemas.js';
import { containsFilter, defineEntity, exactFilter, ListQueryProps, planList, runList, toIso } from '../platform/search/index.js';
import type { NoticeRow } from './check.js';

const LIST_ID = 'mosip.pms.expiry.notices.get';

const NoticeQuery = Type.Object({
  ...ListQueryProps,
  itemType: Type.Optional(Type.String({ maxLength: 32 })),
  partnerId: Type.Optional(Type.String({ maxLength: 256 })),
  // `upcoming`: the item has not expired yet (what an admin still can act on); `expired`: it has.
  status: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('expired')])),
});
type NoticeQuery = Static<typeof NoticeQuery>;

const Notice = Type.Object({
  id: Type.String(),
  itemType: Type.String({ description: 'API_KEY, MISP_LICENSE or PARTNER_CERTIFICATE' }),
  itemId: Type.String(),
  itemLabel: NullableString(),
  partnerId: Type.String(),
  expiryDateTime: NullableString(),
  notifiedDateTime: NullableString(),
  expired: Type.Boolean(),
});
const NoticePage = PageV2(Notice);

const noticeList = defineEntity({
  from: sql`expiry_notice n join partner p on p.id = n.partner_id`,
  key: 'n.id',
  fields: {
    itemType: { column: 'n.item_type', type: 'string' },
    partnerId: { column: 'n.partner_id', type: 'string' },
    expiryDateTime: { column: 'n.expires_at', type: 'timestamp' },
    notifiedDateTime: { column: 'n.notified_at', type: 'timestamp' },
  },
});

/** Notices for the portal: a partner user sees its partners', admins everyone's; newest first. */
export async function listNotices(store: Store, query: NoticeQuery, actor: Actor) {
  const plan = planList(noticeList, query, { defaults: { pageNo: 0, pageSize: 8 }, pairing: false, defaultOrder: sql`n.notified_at desc` });
  return runList<NoticeRow & { expired: boolean }, Static<typeof Notice>>(store, noticeList, plan, {
    select: sql`n.*, n.expires_at < now() as expired`,
    where: [
      isAdmin(actor) ? undefined : sql`p.user_id = ${actor.userId}`,
      exactFilter(sql`n.item_type`, query.itemType),
      query.status === 'upcoming' ? sql`n.expires_at >= now()` : query.status === 'expired' ? sql`n.expires_at < now()` : undefined,
      containsFilter(sql`n.partner_id`, query.partnerId),
    ],
    map: (n) => ({
      id: n.id,
      itemType: n.item_type,
      itemId: n.item_id,
      itemLabel: n.item_label,
      partnerId: n.partner_id,
      expiryDateTime: toIso(n.expires_at),
      notifiedDateTime: toIso(n.notified_at),
      expired: n.expired,
    }),
  });
}

export function expiryRoutes(app: App, store: Store): void {
  app.get(
    `${PARTNER_BASE}/expiry-notices`,
    {
      config: { pms: { access: 'getexpirynotices', apiId: LIST_ID } },
      schema: {
        querystring: NoticeQuery,
        response: v2Responses(NoticePage),
        tags: ['expiry notices'],
        summary: 'Keys, licenses and certificates about to expire (ours): partners their own, admins all',
      },
    },
    async (req) => v2(await listNotices(store, req.query, actorOf(req)), LIST_ID),
  );
}
