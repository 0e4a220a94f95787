import Fastify from 'fastify';

/**
 * The floor of the start-up table: a bare Fastify server answering the health path and nothing
 * else. Node's own start-up and Fastify's import on this machine, at this moment; the service's
 * figures are read as ratios to it.
 */
const app = Fastify();
for (const base of ['/v1/partnermanager', '/v1/policymanager']) app.get(`${base}/actuator/health`, async () => ({ status: 'UP' }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
