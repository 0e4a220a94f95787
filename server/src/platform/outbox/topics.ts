/**
 * Every WebSub topic this service publishes, with the shape of its `event.data`: the one list
 * that `enqueueEvent` accepts and that `docs/events.md` is generated from (`npm run docs`).
 * The names and shapes are MOSIP's (docs/mosip-compatibility.md "Events"), so IDA, eSignet and
 * the credential service read them unchanged. Parts built by a domain from its own rows
 * (`policyData`, `apiKeyData` …) are typed here as open objects: the domain owns their fields.
 */

type Part = Record<string, unknown>;

/** A partner as consumers receive it: its certificate is the re-signed one, PEM. */
export interface PartnerData {
  partnerId: string;
  partnerName: string;
  certificateData: string | null;
  partnerStatus: 'ACTIVE' | 'DEACTIVE';
}

export interface EventPayloads {
  PARTNER_UPDATED: { partnerData: PartnerData };
  CA_CERTIFICATE_UPLOADED: { certChainDatashareUrl: string; partnerDomain: string };
  POLICY_UPDATED: { policyData: Part };
  APIKEY_APPROVED: { partnerData: Part; policyData: Part | null; apiKeyData: Part };
  APIKEY_UPDATED: { apiKeyData: Part };
  MISP_LICENSE_GENERATED: { mispLicenseData: Part; policyData?: Part };
  MISP_LICENSE_UPDATED: { mispLicenseData: Part };
  OIDC_CLIENT_CREATED: { partnerData: PartnerData; policyData: Part; clientData: Part };
  OIDC_CLIENT_UPDATED: { clientData: Part };
  PMS_EXPIRY_NOTICE: {
    noticeId: string;
    itemType: string;
    itemId: string;
    partnerId: string | null;
    itemLabel: string | null;
    expiresOn: string | null;
  };
}

export type Topic = keyof EventPayloads;

interface TopicDoc {
  /** What happened when the event is published. */
  when: string;
  /** Who reads it in a MOSIP deployment. */
  readers: string;
  /** Whether the stored copy withholds the data (it carries a secret). */
  sealed: boolean;
}

/** What each topic means; a `Record` over `Topic`, so a new topic cannot go undocumented. */
export const TOPIC_DOCS: Record<Topic, TopicDoc> = {
  PARTNER_UPDATED: {
    when: 'a partner uploads its certificate, or an admin activates or deactivates a partner',
    readers: 'IDA (partner certificate and status)',
    sealed: false,
  },
  CA_CERTIFICATE_UPLOADED: {
    when: 'a CA or intermediate certificate, a partner certificate or an FTM chip certificate is added; the URL serves the chain',
    readers: 'IDA (trust store)',
    sealed: false,
  },
  POLICY_UPDATED: { when: 'a policy is published, updated or deactivated', readers: 'IDA', sealed: false },
  APIKEY_APPROVED: { when: 'a partner generates an API key for an approved policy', readers: 'IDA (carries the key)', sealed: true },
  APIKEY_UPDATED: {
    when: 'an API key is activated, deactivated or moved to another policy',
    readers: 'IDA (carries the key)',
    sealed: true,
  },
  MISP_LICENSE_GENERATED: { when: 'a MISP licence key is issued', readers: 'IDA (carries the licence key)', sealed: true },
  MISP_LICENSE_UPDATED: {
    when: 'a MISP licence is activated or deactivated, also when its MISP partner is deactivated',
    readers: 'IDA (carries the licence key)',
    sealed: true,
  },
  OIDC_CLIENT_CREATED: {
    when: 'an OIDC client is created in eSignet and here',
    readers: 'IDA (client, partner and policy)',
    sealed: false,
  },
  OIDC_CLIENT_UPDATED: { when: 'an OIDC client is updated, activated or deactivated', readers: 'IDA', sealed: false },
  PMS_EXPIRY_NOTICE: {
    when: "a certificate, API key or licence comes within the notice period of its expiry (ours, not MOSIP's)",
    readers: 'operators and partners’ own subscribers',
    sealed: false,
  },
};

/** The generated body of docs/events.md. */
export function eventsDoc(): string {
  const rows = (Object.keys(TOPIC_DOCS) as Topic[]).map((t) => {
    const d = TOPIC_DOCS[t];
    return `| \`${t}\` | ${d.when} | ${d.readers} | ${d.sealed ? 'yes' : 'no'} |`;
  });
  return [
    '# Events',
    '',
    '<!-- Generated from server/src/platform/outbox/topics.ts by `npm run docs`; edit that file, not this one. -->',
    '',
    "Each event is published to the WebSub hub in MOSIP's event model (`publisher`, `topic`,",
    '`publishedOn`, `event.{id, type, timestamp, data}`), from the transactional outbox: it commits',
    'with the change that causes it. A sealed event carries a secret: the outbox row that operators',
    'can read withholds its data, and the hub receives the sealed copy.',
    '',
    "Publishing follows MOSIP's kernel WebSub client: a topic is first registered with a form POST",
    '(`hub.mode=register`, `hub.topic`) to the hub (any answer counts, since hubs refuse a second',
    'registration), then each event is a JSON POST to the hub with `hub.mode=publish` and',
    '`hub.topic` in the query string. A refused publish registers the topic again before the retry.',
    '',
    '| Topic | Published when | Read by | Sealed |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
