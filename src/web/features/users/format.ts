// Times as people in a UK council read them: "2:05pm on 3 March 2026", in UK time.

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** An ISO timestamp as "2:05pm on 3 March 2026" (UK time), or `otherwise` when there is none. */
export function ukDateTime(iso: string | null | undefined, otherwise = ''): string {
  if (!iso) return otherwise;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return otherwise;
  const time = TIME.format(d).replace(/\s/g, '').toLowerCase();
  return `${time} on ${DATE.format(d)}`;
}
