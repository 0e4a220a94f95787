import { Type, type Static, type TSchema } from '../../platform/vendor/typebox.js';

/** MOSIP's `@NotBlank(message = "should not be null or empty")` on UserRegistrationRequestDto. */
const NOT_BLANK = 'should not be null or empty';

/**
 * MOSIP's not-blank rule first (missing, null, empty and blank read MOSIP's text), then our
 * own bounds, each failing with its own message: MOSIP checks nothing else, Keycloak and the
 * store would refuse over-long or malformed values later with a less useful error.
 */
const NotBlank = (...ours: TSchema[]) =>
  Type.Intersect([Type.String({ pattern: '\\S', 'x-message': NOT_BLANK }), ...ours], { 'x-message': NOT_BLANK });

const Optional = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

// "first last" fits the embedded provider's 128-character name column.
const NAME_MAX = 63;

/**
 * `UserRegistrationRequestDto`. Unknown members (older clients send `appId`, `gender`) are
 * ignored as Jackson does.
 */
export const UserRegistration = Type.Object({
  // The username is the token's user id, which partners register under: no spaces, and it
  // fits the embedded provider's column.
  userName: NotBlank(Type.String({ maxLength: 64 }), Type.String({ pattern: '^\\S+$', 'x-message': 'must not contain spaces' })),
  firstName: Optional(NAME_MAX),
  lastName: Optional(NAME_MAX),
  contactNo: NotBlank(Type.String({ maxLength: 16 })),
  emailID: NotBlank(Type.String({ maxLength: 254 }), Type.String({ format: 'email' })),
  organizationName: Optional(128),
  role: Optional(64),
  partnerId: Optional(36),
  // MOSIP accepts no password at all (Keycloak then creates an account nobody can log in to);
  // here it is required, with a floor and a ceiling (scrypt cost is per byte of input).
  userPassword: NotBlank(Type.String({ minLength: 8, maxLength: 128 })),
});
export type UserRegistrationInput = Static<typeof UserRegistration>;

/**
 * `MosipUserDto` as MOSIP serialises it (Jackson names Lombok's `getRId()` `rid`): only `userId`
 * set; here `role` says what was granted.
 */
export const MosipUser = Type.Object({
  userId: Type.String(),
  mobile: Type.Null(),
  mail: Type.Null(),
  langCode: Type.Null(),
  userPassword: Type.Null(),
  name: Type.Null(),
  role: Type.Union([Type.String(), Type.Null()]),
  rid: Type.Null(),
  token: Type.Null(),
});
export type MosipUserView = Static<typeof MosipUser>;
