export { PRIVATE_MEMBERS } from './jwk.js';
export { javaHashOrder, jsonSimpleString, multiLanguageName, splitStoredName } from './names.js';
export {
  additionalConfigProblem,
  crossFieldProblem,
  effectiveSettings,
  MIN_CONSENT_MINUTES,
  PURPOSE_TYPES,
  type AdditionalConfig,
  type Purpose,
  type SecurityFields,
  type SettingProblem,
} from './settings.js';
export { logoUriProblem, redirectUriProblem } from './uris.js';
