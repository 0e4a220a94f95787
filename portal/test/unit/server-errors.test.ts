import { describe, expect, it } from 'vitest';
import { catalogue, variants } from '../../../server/src/platform/errors/catalogue.js';
import { formatMessage } from '../../../server/src/platform/errors/pms-error.js';
import { NOT_SHOWN_IN_PORTAL, VARIANTS_OF, serverErrorKey, valuesOf } from '../../src/i18n/errors.js';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import fr from '../../src/i18n/fr.json';

/**
 * Every error code the server can answer with reads in the user's language: the catalogue
 * against the `serverErrors` texts of each language file, less the codes the portal says no user
 * can meet (`NOT_SHOWN_IN_PORTAL`, each with its reason).
 */
const languages = { en, fr, ar } as Record<string, { serverErrors: Record<string, string> }>;
const codes = Object.keys(catalogue);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Values a form passes in (`ErrorContext`) because the server's message does not say them. */
const FROM_CONTEXT = new Set(['org', 'domain']);

/** Messages the server builds with a detail (`PmsError.detailed`) whose values a text shows. */
const DETAILED: Record<string, string> = {
  'KER-PCM-004': `${catalogue['KER-PCM-004']} (at least 30 days of validity are required)`,
  'KER-PCM-017': `${catalogue['KER-PCM-017']} (at least 12 months of validity are required)`,
};

/** Every message a code can carry: its catalogue text and its variants, `%s`/`%d` filled in. */
function messagesOf(code: string): string[] {
  const templates = [
    catalogue[code as keyof typeof catalogue] as string,
    ...Object.values(variants)
      .filter((v) => v.code === code)
      .map((v) => v.text as string),
  ];
  const out = templates.map((t) => formatMessage(t, ['7', '7', '7']));
  if (DETAILED[code]) out.push(DETAILED[code]);
  return out;
}

describe('server error texts', () => {
  it.each(Object.keys(languages))('%s has a text for every catalogue code the portal can show', (lang) => {
    const texts = languages[lang]!.serverErrors;
    const missing = codes.filter((c) => !(c in NOT_SHOWN_IN_PORTAL) && !texts[c]?.trim());
    expect(missing).toEqual([]);
  });

  it('excludes only catalogue codes, each with a reason, and none that has a text', () => {
    const excluded = Object.entries(NOT_SHOWN_IN_PORTAL);
    expect(excluded.filter(([c]) => !codes.includes(c)).map(([c]) => c)).toEqual([]);
    expect(excluded.filter(([, why]) => why.trim() === '').map(([c]) => c)).toEqual([]);
    expect(excluded.filter(([c]) => c in en.serverErrors).map(([c]) => c)).toEqual([]);
  });

  it('has the text of every message variant in every language', () => {
    for (const [code, list] of Object.entries(VARIANTS_OF)) {
      expect(codes, code).toContain(code);
      for (const [, suffix] of list)
        for (const lang of Object.keys(languages))
          expect(languages[lang]!.serverErrors[`${code}-${suffix}`]?.trim(), `${lang} ${code}-${suffix}`).toBeTruthy();
    }
  });

  it.each(['fr', 'ar'])('%s keeps the {{placeholders}} of the English texts', (lang) => {
    const texts = languages[lang]!.serverErrors;
    const differ = Object.entries(en.serverErrors as Record<string, string>)
      .filter(([key, text]) => JSON.stringify(placeholders(texts[key] ?? '')) !== JSON.stringify(placeholders(text)))
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });

  it("fills every placeholder of a text from the server's message or the form's context", () => {
    const texts = en.serverErrors as Record<string, string>;
    const unfilled: string[] = [];
    for (const code of codes) {
      for (const message of messagesOf(code)) {
        const key = serverErrorKey(code, message);
        const text = texts[key];
        if (text === undefined) continue;
        const values = valuesOf(code, message);
        for (const p of placeholders(text)) if (!(p! in values) && !FROM_CONTEXT.has(p!)) unfilled.push(`${key} {{${p}}} <- ${message}`);
      }
    }
    expect(unfilled).toEqual([]);
  });

  it("picks a variant's text by the message the server sends", () => {
    expect(serverErrorKey('PMS_PRT_108', variants.certificateNotUploaded.text)).toBe('PMS_PRT_108-certificate');
    expect(serverErrorKey('PMS_PRT_108', formatMessage(catalogue.PMS_PRT_108, ['Auth_Partner']))).toBe('PMS_PRT_108');
    expect(valuesOf('PMS_PRT_108', formatMessage(catalogue.PMS_PRT_108, ['Auth_Partner']))).toEqual({ partnerType: 'Auth_Partner' });
    expect(serverErrorKey('PMS_COR_002', formatMessage(variants.policyIdExists.text, ['p1']))).toBe('PMS_COR_002-policyId');
    expect(serverErrorKey('PMS_PM_051', catalogue.PMS_PM_051)).toBe('PMS_PM_051');
    const contact = (what: string) => formatMessage(catalogue.PMS_COR_002, [`${what} is already a contact of this partner`]);
    expect(serverErrorKey('PMS_COR_002', contact('emailId'))).toBe('PMS_COR_002-email');
    expect(serverErrorKey('PMS_COR_002', contact('contactNumber'))).toBe('PMS_COR_002-phone');
    expect(serverErrorKey('KER-PCM-017', DETAILED['KER-PCM-017']!)).toBe('KER-PCM-017-min');
    expect(valuesOf('KER-PCM-017', DETAILED['KER-PCM-017']!)).toEqual({ months: '12' });
  });
});
