import { recordAudit, actorOf, type Actor } from '../platform/audit.js';
import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';
import { PARTNER_BASE, type Module } from '../platform/http/app.js';
import { Type } from '../platform/vendor/typebox.js';
import { v1, v2 } from '../platform/http/envelope.js';
import { NullableString, v1Responses, v2Responses } from '../platform/http/response-schemas.js';
import { toIso } from '../platform/search/index.js';
import { requireOwnPartner } from '../partners/index.js';
import { userAccountsModule } from './accounts/index.js';
import type { Env } from '../platform/config.js';

/** `mosip.pms.ui.required.roles`: the roles the portal offers at sign-up. */
export const UI_ROLES = [
  'AUTH_PARTNER',
  'DEVICE_PROVIDER',
  'CREDENTIAL_PARTNER',
  'FTM_PROVIDER',
  'MISP_PARTNER',
  'POLICYMANAGER',
  'PARTNER_ADMIN',
];

/**
 * The portal's settings and feature flags (`GET /system-config`), MOSIP's values. Every flag
 * is "true": this service implements the CA-signed certificate download, OIDC clients and the
 * trust store list itself. Only these public keys are served — never other configuration.
 */
export const SYSTEM_CONFIG: Readonly<Record<string, string>> = {
  grantTypes: 'authorization_code',
  clientAuthMethods: 'private_key_jwt',
  inActivityTimer: '25',
  inActivityPromptTimer: '5',
  axiosTimeout: '3',
  maxAllowedExpiryYear: '10',
  maxAllowedCreatedYear: '10',
  itemsPerPage: '8',
  isCaSignedPartnerCertificateAvailable: 'true',
  isOidcClientAvailable: 'true',
  isRootIntermediateCertAvailable: 'true',
};

/** The caller's consent, as MOSIP's portal reads it. */
const Consent = Type.Object({ userId: Type.String(), consentGiven: Type.Boolean(), consentGivenDateTime: NullableString() });

interface ConsentRow {
  user_id: string;
  consent_given: 'YES' | 'NO';
  consent_given_dtimes: string;
}

const consentView = (userId: string, row: ConsentRow | undefined) => ({
  userId,
  consentGiven: row?.consent_given === 'YES',
  consentGivenDateTime: row ? toIso(row.consent_given_dtimes) : null,
});

export function createUserService(store: Store) {
  async function giveConsent(actor: Actor) {
    await requireOwnPartner(store, actor.userId);
    return store.tx(async (q) => {
      // One row per user (unique user_id): a second consent refreshes the time.
      const row = await q.one<ConsentRow>(sql`
        insert into user_details (id, user_id, consent_given, consent_given_dtimes, cr_by)
        values (${'id' + crypto.randomUUID().replace(/-/g, '').slice(0, 34)}, ${actor.userId}, 'YES', now(), ${actor.userId})
        on conflict (user_id) do update set consent_given = 'YES', consent_given_dtimes = now(), upd_by = excluded.cr_by, upd_dtimes = now()
        returning user_id, consent_given, consent_given_dtimes`);
      await recordAudit(q, actor, { action: 'user.consent', entityType: 'user', entityId: actor.userId });
      return consentView(actor.userId, row);
    });
  }

  async function consent(actor: Actor) {
    await requireOwnPartner(store, actor.userId);
    const row = await store.one<ConsentRow>(
      sql`select user_id, consent_given, consent_given_dtimes from user_details where user_id = ${actor.userId}`,
    );
    return consentView(actor.userId, row);
  }

  return { giveConsent, consent };
}

/** User accounts (POST /users), consent, the portal's system configuration and sign-up roles. */
export const usersModule =
  (env: Env): Module =>
  async (app, deps) => {
    await userAccountsModule(env)(app, deps);
    const users = createUserService(deps.store);
    const tags = ['users'];

    app.post(
      `${PARTNER_BASE}/users/user-consent`,
      {
        config: { pms: { access: 'userconsent', apiId: 'mosip.pms.user.consent.post' } },
        schema: { response: v2Responses(Consent), tags, summary: "Record the caller's consent" },
      },
      async (req) => v2(await users.giveConsent(actorOf(req)), 'mosip.pms.user.consent.post'),
    );

    app.get(
      `${PARTNER_BASE}/users/user-consent`,
      {
        config: { pms: { access: 'userconsent', apiId: 'mosip.pms.user.consent.get' } },
        schema: { response: v2Responses(Consent), tags, summary: "The caller's consent" },
      },
      async (req) => v2(await users.consent(actorOf(req)), 'mosip.pms.user.consent.get'),
    );

    // Open, as MOSIP documents it: MOSIP's portal loads it before anyone has signed in (and a
    // 401 there would send every visitor round the login loop). It holds only public settings.
    app.get(
      `${PARTNER_BASE}/system-config`,
      {
        config: { pms: { access: 'public', apiId: 'mosip.pms.configs.get' } },
        schema: {
          response: v2Responses(Type.Record(Type.String(), Type.String())),
          tags,
          summary: "The portal's settings and feature flags",
        },
      },
      async () => v2({ ...SYSTEM_CONFIG }, 'mosip.pms.configs.get'),
    );

    app.get(
      `${PARTNER_BASE}/roles`,
      {
        config: { pms: { access: 'authenticated' } },
        schema: {
          response: v1Responses(Type.Object({ roles: Type.Array(Type.String()) })),
          tags,
          summary: 'Roles the portal offers at sign-up',
        },
      },
      async () => v1({ roles: UI_ROLES }),
    );
  };
