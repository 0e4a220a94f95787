/**
 * What each route declares besides its schema: who may call it and which envelope its
 * answers (errors included) use.
 */
export interface PmsRouteConfig {
  /**
   * `public`: no token; `authenticated`: any valid token; otherwise a role key of
   * auth/roles.ts whose list the caller must intersect.
   */
  access: 'public' | 'authenticated' | (string & {});
  /** v2 routes answer errors inside the v2 envelope with this API id. */
  apiId?: string;
  /** Error envelope style; default follows the base path (partner vs policy service). */
  errorStyle?: 'partner' | 'policy' | 'v2';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    pms?: PmsRouteConfig;
  }
  interface FastifyRequest {
    principal?: import('../auth/verifier.js').Principal;
  }
}
