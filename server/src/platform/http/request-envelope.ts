import { Type, type TSchema } from '../vendor/typebox.js';

const Meta = Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()]));

/**
 * MOSIP's v1 request envelope around `request`. Only `request` is validated (spec 2.2): the
 * other members are accepted as sent, and `request` missing reads "must not be null :request".
 */
export const RequestEnvelope = <T extends TSchema>(request: T) =>
  Type.Object({
    id: Meta,
    version: Meta,
    requesttime: Meta,
    metadata: Type.Optional(Type.Unknown()),
    request,
  });

/** MOSIP's @NotBlank: missing, blank and over-long all answer PMS_COR_001. */
export const NotBlank = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S', 'x-message': 'must not be blank' });
