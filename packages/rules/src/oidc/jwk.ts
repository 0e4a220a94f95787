/** JWK members that make a key private (RFC 7518): a public key must carry none of them. */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
