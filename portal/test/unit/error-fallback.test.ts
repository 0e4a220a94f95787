import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../../server/src/platform/errors/catalogue.js';
import { ApiError } from '../../src/api/http.js';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import { describeError } from '../../src/i18n/errors.js';
import fr from '../../src/i18n/fr.json';

/**
 * The fallback: a code without a text of its own (server-errors.test.ts lists those the server
 * never sends) shows a general sentence in French and Arabic, never the server's English (found
 * by the Arabic journeys: an admin read "Extractors are not present. Please add extractors.").
 */
const codes = Object.keys(catalogue);
const translators: Record<string, TFunction> = {};

beforeAll(async () => {
  for (const [lng, resources] of Object.entries({ en, fr, ar })) {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { [lng]: { translation: resources } }, interpolation: { escapeValue: false } });
    translators[lng] = instance.t;
  }
});

const refusal = (code: string) => new ApiError(400, [{ errorCode: code, message: 'Extractors are not present. Please add extractors.' }]);

describe('server errors without a text of their own', () => {
  it.each(['fr', 'ar'])('in %s no code of the catalogue shows the English message of the server', (lang) => {
    const english = codes
      .filter((code) => code !== 'PMS_COR_001')
      .map((code) => describeError(refusal(code), translators[lang]!))
      .filter((text) => text.includes('Extractors are not present'));
    expect(english).toEqual([]);
  });

  it('in English a code without a text shows the server message; with a text, the text; both with the code', () => {
    expect(describeError(refusal('PMS_FEATURE_001'), translators.en!)).toBe(
      'Extractors are not present. Please add extractors. (PMS_FEATURE_001)',
    );
    expect(describeError(refusal('PMS_PM_051'), translators.ar!)).toBe(`${ar.serverErrors.PMS_PM_051} (PMS_PM_051)`);
    expect(describeError(refusal('PMS_FEATURE_001'), translators.ar!)).toBe(`${ar.errors.unmapped} (PMS_FEATURE_001)`);
  });
});
