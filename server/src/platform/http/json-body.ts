import secureJson from 'secure-json-parse';
import { PmsError } from '../errors/pms-error.js';

export const MAX_JSON_DEPTH = 64;

/** Refuses absurd nesting before parsing, so no later recursion can be driven by a caller. */
function nestingTooDeep(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/**
 * An empty body reads as no body: Spring never reads one on an endpoint without a request
 * body, and an endpoint that needs one refuses its absence (see `requireBody`).
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (nestingTooDeep(text, MAX_JSON_DEPTH)) {
    throw new PmsError('PMS_REQ_400', `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`, 400);
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
  } catch {
    throw PmsError.http(400, 'PMS_REQ_400');
  }
}
