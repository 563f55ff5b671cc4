// What a public-facing Node service ships with (issue 13, Medium 4 and Low): timeouts on every phase of
// a connection, a cap on connections in all and per client, and security headers on every answer.
// Before, 19,990 half-open sockets from one client exhausted the host's file descriptors and silent
// or slow-body sockets stayed open for over 130 s.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Headers must have arrived within this. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) within this: a slow body is cut off. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A socket with no traffic at all is closed after this. */
  idleTimeoutMs: number;
  /** How often Node checks the header and request timeouts (its default, 30 s, would let them slip). */
  checkIntervalMs: number;
  maxConnections: number;
  maxConnectionsPerClient: number;
}

export const CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  // Uploads go up to 64 MB; on a slow LAN that needs time, but never minutes.
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  maxConnections: 2_000,
  maxConnectionsPerClient: 200,
};

/** Fastify's server options for these limits. */
export function serverOptions(l: ConnectionLimits) {
  return {
    connectionTimeout: l.idleTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    http: { headersTimeout: l.headersTimeoutMs, connectionsCheckingInterval: l.checkIntervalMs },
  };
}

/** Caps connections: beyond the total or one client's share, a new socket is closed at once. */
export function capConnections(app: FastifyInstance, l: ConnectionLimits): void {
  const server = app.server;
  server.maxConnections = l.maxConnections;
  const perClient = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = socket.remoteAddress ?? '?';
    const n = (perClient.get(key) ?? 0) + 1;
    perClient.set(key, n);
    socket.once('close', () => {
      const left = (perClient.get(key) ?? 1) - 1;
      if (left <= 0) perClient.delete(key);
      else perClient.set(key, left);
    });
    if (n > l.maxConnectionsPerClient) socket.destroy();
  });
}

/** Hashes of the inline scripts of the H5 page (Taro's root font-size script), for the CSP. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
  );
}

export function securityHeaders(app: FastifyInstance, scriptHashes: string[]): void {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    // NutUI and Taro set style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
  });
}
