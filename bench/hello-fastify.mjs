// The ceiling for `npm run bench`: the fastest a Fastify server answers on this machine, with nothing behind it.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 4100), host: '127.0.0.1' });
