// The baseline: a bare Fastify route on the same machine, answering a small JSON body.
import Fastify from 'fastify';

const app = Fastify();
app.post('/api/bare', async () => ({ ok: true, data: { code: 'green', at: new Date().toISOString() } }));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => console.log('bare fastify ready'));
