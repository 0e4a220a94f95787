import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../../server/src/platform/errors/catalogue.js';
import { ApiError } from '../../src/api/http.js';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import { describeError } from '../../src/i18n/errors.js';
import fr from '../../src/i18n/fr.json';

/**
 * Every error the server can answer reads in the user's language: a code the portal has a text
 * for is translated in French and Arabic with the same values, and any other code shows a
 * general sentence there, never the server's English (found by the Arabic journeys: an admin
 * read "Extractors are not present. Please add extractors.").
 */
const codes = Object.keys(catalogue);
const texts = { en: en.serverErrors, fr: fr.serverErrors, ar: ar.serverErrors } as Record<string, Record<string, string>>;
const translators: Record<string, TFunction> = {};
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

beforeAll(async () => {
  for (const [lng, resources] of Object.entries({ en, fr, ar })) {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { [lng]: { translation: resources } }, interpolation: { escapeValue: false } });
    translators[lng] = instance.t;
  }
});

const refusal = (code: string) => new ApiError(400, [{ errorCode: code, message: 'Extractors are not present. Please add extractors.' }]);

describe('server errors in the portal', () => {
  it('every text the portal has names a code of the catalogue, in all three languages', () => {
    // A text may have variants for what the message says (KER-PCM-004-min: a minimum validity).
    const unknown = Object.keys(texts.en!).filter((c) => c !== 'field' && !codes.includes(c) && !codes.includes(c.replace(/-[a-z]+$/, '')));
    expect(unknown).toEqual([]);
    for (const lang of ['fr', 'ar']) expect(Object.keys(texts[lang]!).sort(), lang).toEqual(Object.keys(texts.en!).sort());
    for (const [code, text] of Object.entries(texts.en!))
      for (const lang of ['fr', 'ar']) expect(placeholders(texts[lang]![code]!), `${lang} ${code}`).toEqual(placeholders(text));
  });

  it.each(['fr', 'ar'])('in %s no code of the catalogue shows the English message of the server', (lang) => {
    const english = codes
      .filter((code) => code !== 'PMS_COR_001')
      .map((code) => describeError(refusal(code), translators[lang]!))
      .filter((text) => text.includes('Extractors are not present'));
    expect(english).toEqual([]);
  });

  it('in English a code without a text shows the server message; with a text, the text; both with the code', () => {
    expect(describeError(refusal('PMS-MSD-310'), translators.en!)).toBe('Extractors are not present. Please add extractors. (PMS-MSD-310)');
    expect(describeError(refusal('PMS_PM_051'), translators.ar!)).toBe(`${ar.serverErrors.PMS_PM_051} (PMS_PM_051)`);
    expect(describeError(refusal('PMS-MSD-310'), translators.ar!)).toBe(`${ar.errors.unmapped} (PMS-MSD-310)`);
  });
});
