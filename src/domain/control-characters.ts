// Control characters in text. PostgreSQL refuses a NUL byte in text outright, and none of the
// others (bell, escape, vertical tab …) is anything a person meant to type; tab, line feed and
// carriage return are how text is laid out, so they are fine. Pure.

/** True when `s` holds a control character other than tab, line feed and carriage return (C0 and DEL). */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
