// Where to send someone after they sign in: the `next` path they were on. Only a path on this site
// (one "/", not "//", which a browser reads as another host), and only printable ASCII without a
// backslash: a control character or a character beyond Latin-1 cannot go in a Location header at
// all (Node refuses the header, a 500), and browsers send paths percent-encoded anyway.

const SAFE_PATH = /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/u;

/** `next` when it is a safe path not starting with any of `refused`; otherwise the home page. */
export function safeNext(next: unknown, refused: readonly string[] = ['/sign-']): string {
  return typeof next === 'string' && SAFE_PATH.test(next) && !refused.some((r) => next.startsWith(r)) ? next : '/';
}
