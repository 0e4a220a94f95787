import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';

type Serialize = (data: unknown) => string;

/**
 * Fastify's own serializer (fast-json-stringify, the same options it would pass), built on a
 * route's first answer with that status instead of for every route and status at start-up:
 * 122 routes with success and error shapes cost tens of milliseconds and megabytes that a
 * restart should not pay for routes nobody calls. Built once, then reused, so the hot paths
 * serialise exactly as before.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  let compiled: Serialize | undefined;
  return (data: unknown) => (compiled ??= fastJsonStringify(schema as object) as Serialize)(data);
};
