import { Type, type Static } from '../vendor/typebox.js';
import { PmsError } from '../errors/pms-error.js';

/** v2 envelope (`RequestWrapperV2`): checked field by field in MOSIP's order by the service. */
export const V2Envelope = Type.Object({
  id: Type.Optional(Type.Unknown()),
  version: Type.Optional(Type.Unknown()),
  requestTime: Type.Optional(Type.Unknown()),
  metadata: Type.Optional(Type.Unknown()),
  request: Type.Optional(Type.Unknown()),
});
export type V2Envelope = Static<typeof V2Envelope>;

/**
 * The v2 request envelope checks of the revamp deactivation endpoints (spec 2.2), in MOSIP's
 * order: id, requestTime (present, then today's UTC date), version, request.
 */
export function checkV2Envelope(body: V2Envelope | undefined, operationId: string, now = new Date()): Record<string, unknown> {
  if (body?.id !== operationId) throw PmsError.of('PMS_REQUEST_ERROR_002');
  const time = body.requestTime;
  const ms = typeof time === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(time) ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(ms)) throw PmsError.of('PMS_REQUEST_ERROR_004');
  if ((time as string).slice(0, 10) !== now.toISOString().slice(0, 10)) throw PmsError.of('PMS_REQUEST_ERROR_006');
  if (typeof body.version !== 'string' || body.version.toLowerCase() !== '1.0') throw PmsError.of('PMS_REQUEST_ERROR_003');
  const request = body.request;
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw PmsError.of('PMS_REQUEST_ERROR_005');
  return request as Record<string, unknown>;
}
