import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

// A one-off message for the next page (after a redirect), carried in a short-lived cookie.

const FLASH_COOKIE = 'waymark_flash';

/** The flash cookie's message; a cookie that is not what `reply.flash` wrote (badly encoded) shows nothing rather than a 500. */
function flashText(cookie: string): string | null {
  try {
    return decodeURIComponent(cookie).slice(0, 600);
  } catch {
    return null;
  }
}

/** The message waiting for this request, cleared as it is shown. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): string | null {
  const flash = request.cookies?.[FLASH_COOKIE];
  if (!flash) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  return flashText(flash);
}

export const flashPlugin = fp<{ secureCookies: boolean }>(
  async (app, { secureCookies }) => {
    app.decorateReply('flash', function (this: FastifyReply, message: string) {
      return this.setCookie(FLASH_COOKIE, encodeURIComponent(message), { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 60 });
    });
  },
  { name: 'waymark-flash', dependencies: ['@fastify/cookie'] },
);
