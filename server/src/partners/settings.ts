import { ConfigError, type Env, listSetting } from '../platform/config.js';

/** Partner-area settings (MOSIP's `mosip.mandatory-languages` / `mosip.optional-languages`). */
export interface PartnerSettings {
  /** Mandatory languages first: registration stores the first one whatever was sent (MOSIP quirk). */
  languages: string[];
}

export function partnerSettings(env: Env = process.env): PartnerSettings {
  const languages = [...listSetting(env, 'PMS_MANDATORY_LANGUAGES'), ...listSetting(env, 'PMS_OPTIONAL_LANGUAGES')];
  if (languages.length === 0) throw new ConfigError('PMS_MANDATORY_LANGUAGES must name at least one language');
  return { languages };
}
