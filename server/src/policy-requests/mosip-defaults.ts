import { randomUUID } from 'node:crypto';
import { seal } from '../api-keys/secrets.js';
import { sql } from '../platform/db/sql.js';
import type { Store } from '../platform/db/store.js';
import type { DataKey } from '../platform/keys/data-key.js';

/**
 * MOSIP's reference rows for its own services (db_scripts/mosip_pms/dml, spec 15.1): the
 * default partners, their approved requests, credential-type mappings, biometric extractors
 * and API keys. Opt-in (PMS_SEED_MOSIP_DEFAULTS=true) and idempotent.
 *
 * Why not a migration: the rows hang off MOSIP's default partners, which no migration creates
 * (adding them changes every partner count), and the API keys must be sealed with the data
 * key, which only the running service holds. Why opt-in: MOSIP's keys are well-known strings
 * (`mpolicy_part_auth_api` …) published in its repository — anyone can guess them — so a
 * deployment takes them only when MOSIP's own services (resident, print, IDA's seed data)
 * must work unchanged. Their validity starts at seeding (MOSIP's date, 2025-12-01, is past).
 */
/** MOSIP's `pms-partner.csv` rows: id, group, name, address, contact, email, type, status (docs/mosip-compatibility.md). */
const PARTNERS: [id: string, group: string, name: string, address: string, contact: string, email: string, type: string, status: string][] =
  [
    [
      'mpartner-default-auth',
      'mpolicygroup-default-auth',
      'IITB',
      'mpartner-default-auth',
      '9232121212',
      'info@mosip.io',
      'Online_Verification_Partner',
      'approved',
    ],
    [
      'mpartner-default-abis',
      'mpolicygroup-default-abis',
      'mpartner-default-abis',
      'mpartner-default-abis',
      '9232121212',
      'absi@mosip.io',
      'ABIS_Partner',
      'approved',
    ],
    [
      'mpartner-default-print',
      'mpolicygroup-default-print',
      'IIITB',
      'mpartner-default-print',
      '9232121212',
      'print@mosip.io',
      'Credential_Partner',
      'approved',
    ],
    [
      'MOSIP.PROXY.SBI',
      'mpolicygroup-default-mockdevice',
      'MOSIP',
      'headoffice9',
      '9988776655',
      'abc@mock.co.in',
      'Device_Provider',
      'approved',
    ],
    [
      'mpartner-default-resident',
      'mpolicygroup-default-resident',
      'IITB',
      'mpartner-default-resident',
      '9232121212',
      'resident@mosip.io',
      'Credential_Partner',
      'approved',
    ],
    [
      'mpartner-default-adjudication',
      'mpolicygroup-default-adjudication',
      'mpartner-default-adjudication',
      'mpartner-default-adjudication',
      '9232121212',
      'adjudication@mosip.io',
      'Manual_Adjudication',
      'approved',
    ],
    [
      'mpartner-default-cert',
      'mpolicygroup-default-cert',
      'mpartner-default-cert',
      'mpartner-default-cert',
      '9232121212',
      'info@mosip.io',
      'Internal_Partner',
      'approved',
    ],
    [
      'mpartner-default-digitalcard',
      'mpolicygroup-default-digitalcard',
      'IITB',
      'mpartner-default-digitalcard',
      '9232121212',
      'digitalcard@mosip.io',
      'Credential_Partner',
      'Activated',
    ],
    [
      'mpartner-default-mobile',
      'mpolicygroup-default-mobile',
      'residentapp-partner',
      'mpartner-default-mobile',
      '9232121212',
      'info@mosip.io',
      'Credential_Partner',
      'approved',
    ],
  ];

/** Request id, partner, policy suffix, status, API key (the label is the key unless given). */
const MAPPINGS: [reqId: string, partner: string, policy: string, status: string, apiKey: string, label?: string][] = [
  ['mpartner_policy_auth_req', 'auth', 'auth', 'approved', 'mpolicy_part_auth_api'],
  ['mpartner_policy_abis_req', 'abis', 'abis', 'approved', 'mpolicy_part_abis_api'],
  ['mpartner_policy_qrcode_req', 'print', 'qrcode', 'approved', 'mpolicy_part_qrcode_api'],
  ['mpartner_policy_euin_req', 'print', 'euin', 'approved', 'mpolicy_part_euin_api'],
  ['mpartner_policy_reprint_req', 'print', 'reprint', 'approved', 'mpolicy_part_reprint_api'],
  ['mpartner_policy_resident_req', 'resident', 'resident', 'approved', 'mpolicy_part_resident_api'],
  ['mpartner_policy_ajudica_req', 'adjudication', 'adjudication', 'approved', 'mpolicy_part_adjudica_api'],
  ['mpartner_policy_cert_req', 'cert', 'cert', 'approved', 'mpolicy_part_cert_api'],
  ['mpartner_policy_eUIN_with_QR_req', 'print', 'eUIN_with_QR', 'approved', 'mpolicy_part_eUIN_with_QR_api'],
  ['mpartner_policy_eUIN_with_faceQR_req', 'print', 'eUIN_with_faceQR', 'approved', 'mpolicy_part_eUIN_with_faceQR_api'],
  ['mpartner_policy_PDFCard_req', 'digitalcard', 'PDFCard', 'Approved', 'mpolicy_part_PDFCard_api'],
  ['mpartner_policy_digitalcard_req', 'digitalcard', 'digitalcard', 'Approved', 'mpolicy_part_digitalcard_api', 'mpolicy_part_PDFCard_api'],
  ['mpartner_policy_mobile_req', 'mobile', 'mobile', 'approved', 'mpolicy_part_mobile_api'],
];

const CREDENTIAL_TYPES: [partner: string, policy: string, type: string][] = [
  ['print', 'qrcode', 'qrcode'],
  ['print', 'euin', 'euin'],
  ['print', 'reprint', 'reprint'],
  ['auth', 'auth', 'auth'],
  ['print', 'eUIN_with_faceQR', 'eUIN_with_faceQR'],
  ['print', 'eUIN_with_QR', 'eUIN_with_QR'],
  ['digitalcard', 'PDFCard', 'PDFCard'],
  ['mobile', 'mobile', 'vercred'],
];

const EXTRACTOR_PAIRS: [partner: string, policy: string][] = [
  ['auth', 'auth'],
  ['print', 'qrcode'],
  ['print', 'euin'],
  ['print', 'reprint'],
  ['print', 'eUIN_with_QR'],
  ['print', 'eUIN_with_faceQR'],
  ['digitalcard', 'PDFCard'],
];

const partnerId = (short: string) => `mpartner-default-${short}`;
const policyId = (short: string) => `mpolicy-default-${short}`;

export async function seedMosipDefaults(store: Store, dataKey: DataKey, keyValidityDays = 365): Promise<void> {
  await store.tx(async (q) => {
    for (const [id, group, name, address, contact, email, type, status] of PARTNERS) {
      await q.exec(sql`
        insert into partner (id, policy_group_id, name, address, contact_no, email_id, user_id, partner_type_code, approval_status, is_active, cr_by, upd_by, upd_dtimes)
        values (${id}, ${group}, ${name}, ${address}, ${contact}, ${email}, ${id}, ${type}, ${status}, true, 'superadmin', 'superadmin', now())
        on conflict (id) do nothing`);
      await q.exec(sql`insert into partner_email_claim (email_id, partner_id) values (${email}, ${id}) on conflict do nothing`);
    }
    for (const [reqId, partner, policy, status, apiKey, label] of MAPPINGS) {
      await q.exec(sql`
        insert into partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, is_deleted)
        values (${reqId}, ${partnerId(partner)}, ${policyId(policy)}, now(), ${policyId(policy)}, ${status}, 'superadmin', false)
        on conflict do nothing`);
      const sealed = seal(dataKey, apiKey);
      await q.exec(sql`
        insert into partner_policy (id, key_hmac, key_cipher, part_id, policy_id, valid_from_datetime, valid_to_datetime, is_active, label, cr_by)
        values (${randomUUID()}, ${sealed.hmac}, ${sealed.cipher}, ${partnerId(partner)}, ${policyId(policy)}, now(),
                now() + ${keyValidityDays} * interval '1 day', true, ${label ?? apiKey}, 'superadmin')
        on conflict do nothing`);
    }
    for (const [partner, policy, type] of CREDENTIAL_TYPES) {
      await q.exec(sql`
        insert into partner_policy_credential_type (part_id, policy_id, credential_type, is_active, cr_by)
        values (${partnerId(partner)}, ${policyId(policy)}, ${type}, true, 'system') on conflict do nothing`);
    }
    let n = 146098;
    for (const [partner, policy] of EXTRACTOR_PAIRS) {
      for (const modality of ['face', 'iris', 'finger']) {
        await q.exec(sql`
          insert into partner_policy_bioextract (id, part_id, policy_id, attribute_name, extractor_provider, extractor_provider_version,
            biometric_modality, cr_by)
          values (${String(n++)}, ${partnerId(partner)}, ${policyId(policy)}, 'individualBiometrics', 'mock', '1.1', ${modality}, 'superadmin')
          on conflict do nothing`);
      }
    }
  });
}
