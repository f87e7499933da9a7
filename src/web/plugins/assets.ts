import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { govukDist } from '../views.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * govuk-frontend's compiled CSS without GDS Transport: that typeface is for GOV.UK services only,
 * so its @font-face rules are dropped and the font stacks fall back to Arial.
 */
export function councilCss(css: string): string {
  return css.replace(/@font-face\{[^}]*\}/g, '').replace(/"?GDS Transport"?,\s*/g, '');
}

export async function registerAssets(app: FastifyInstance): Promise<void> {
  const css = councilCss(fs.readFileSync(path.join(govukDist, 'govuk', 'govuk-frontend.min.css'), 'utf8'));
  const js = fs.readFileSync(path.join(govukDist, 'govuk', 'govuk-frontend.min.js'), 'utf8');
  const cache = 'public, max-age=3600';
  app.get('/assets/govuk-frontend.css', async (_req, reply) => reply.header('cache-control', cache).type('text/css; charset=utf-8').send(css));
  app.get('/assets/govuk-frontend.min.js', async (_req, reply) => reply.header('cache-control', cache).type('text/javascript; charset=utf-8').send(js));
  await app.register(fastifyStatic, { root: path.join(here, '..', 'static'), prefix: '/static/', maxAge: 3600 * 1000, decorateReply: false });
}
