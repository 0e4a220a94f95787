import { ConfigError, readList, type Env } from '../platform/config.js';

/** Partner-area settings (MOSIP's `mosip.mandatory-languages` / `mosip.optional-languages`). */
export interface PartnerSettings {
  /** Mandatory languages first: registration stores the first one whatever was sent (MOSIP quirk). */
  languages: string[];
}

/** ISO 639 language codes, as MOSIP names them (eng, ara, fra). */
const LANGUAGE = /^[a-z]{2,3}$/;

export function partnerSettings(env: Env = process.env): PartnerSettings {
  const languages = [
    ...readList(env, 'PMS_MANDATORY_LANGUAGES', 'eng', LANGUAGE),
    ...readList(env, 'PMS_OPTIONAL_LANGUAGES', 'ara,fra', LANGUAGE, true),
  ];
  if (languages.length === 0) throw new ConfigError('PMS_MANDATORY_LANGUAGES must name at least one language');
  return { languages };
}
