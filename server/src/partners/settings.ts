import { ConfigError } from '../platform/config.js';

/** Partner-area settings (MOSIP's `mosip.mandatory-languages` / `mosip.optional-languages`). */
export interface PartnerSettings {
  /** Mandatory languages first: registration stores the first one whatever was sent (MOSIP quirk). */
  languages: string[];
}

type Env = Record<string, string | undefined>;

const list = (env: Env, name: string, fallback: string): string[] => {
  const items = (env[name]?.trim() ?? fallback).split(',').map((l) => l.trim()).filter(Boolean);
  for (const l of items) if (!/^[a-z]{2,3}$/.test(l)) throw new ConfigError(`${name} must list ISO 639 language codes, got "${l}"`);
  return items;
};

export function partnerSettings(env: Env = process.env): PartnerSettings {
  const languages = [...list(env, 'PMS_MANDATORY_LANGUAGES', 'eng'), ...list(env, 'PMS_OPTIONAL_LANGUAGES', 'ara,fra')];
  if (languages.length === 0) throw new ConfigError('PMS_MANDATORY_LANGUAGES must name at least one language');
  return { languages };
}
