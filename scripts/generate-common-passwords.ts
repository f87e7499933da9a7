// Generates src/domain/common-passwords.txt: passwords people commonly choose that are long enough
// (12 characters or more) to pass the length rule, so the password policy can refuse them.
//
// Nothing is downloaded. The list is built from the patterns that breach corpora show people use
// when told "at least 12 characters": a common word, name, team, place or keyboard walk, padded
// with digits, a year or a "!" (password1234, qwertyuiop12, liverpool1234, iloveyou2024,
// welcome12345, council2024!), doubled words, well-known phrases and runs of one character.
// Entries are lower case; the check ignores case, spaces and separators, and common letter-for-
// symbol swaps (p@ssw0rd), so one entry covers its variants.
//
//   npx tsx scripts/generate-common-passwords.ts          writes the file
//   npx tsx scripts/generate-common-passwords.ts --check  fails if the file is out of date

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/domain/common-passwords.txt');
const MIN = 12;
const MAX = 64;

const words = (s: string): string[] => s.trim().split(/\s+/);

/** The most used base words of all: every padding below is applied to these. */
const TOP = words(`
  password passw0rd p@ssword p@ssw0rd qwerty qwertyuiop iloveyou letmein welcome admin
  administrator monkey dragon football baseball sunshine princess superman batman trustno1
  master shadow michael jennifer liverpool arsenal chelsea manchester changeme secret login
  council abc123 123abc starwars whatever freedom computer internet summer winter spring
  autumn london england hello helloworld
`);

/** Other common words and names: padded with the commonest suffixes. */
const COMMON = words(`
  access adidas alexander amanda andrew angel angela anthony apple ashley asshole athena austin
  babygirl bailey banana barney basketball bigdaddy blessed blink182 blue bond007 booboo boston
  brandon buster butterfly caroline cheese chelsea chicken chocolate chris christian christopher
  cookie corvette cowboys cricket daniel danielle darkness david default diamond dolphin donald
  eagles elephant elizabeth emily emma everton family father ferrari flower forever friends
  fuckyou galaxy gateway george ginger google hannah harley harrypotter heather hockey house
  hunter iceman internet jackson jaguar james jasmine jessica jordan jordan23 joshua junior
  justin killer knight lakers laura lauren liverpoolfc lovely loveme lucky maggie magic
  manutd marina marlboro matrix matthew maverick mercedes merlin michelle microsoft midnight
  minecraft monday money mother mustang naruto newcastle nicholas nicole ninja nothing
  office oliver orange peanut pepper phoenix pokemon porsche purple rachel rainbow ranger
  rangers richard robert rockyou samantha samsung sarah scooter scotland silver simpsons
  slipknot smokey snoopy soccer sophie spider spiderman steelers sterling success sunflower
  taylor tennis thomas thunder tigger tottenham trinity victoria viking wales warrior william
  windows yankees yellow zxcvbnm asdfghjkl qazwsx 1qaz2wsx zaq12wsx q1w2e3r4 1q2w3e4r
  qweasdzxc qwerasdf asdfasdf charlie cheshire yorkshire lancashire kent essex surrey devon
  cornwall norfolk suffolk celtic leeds leedsunited westham villa aston rovers wolves
  birmingham bristol cardiff glasgow edinburgh belfast dublin sheffield nottingham leicester
  southampton portsmouth brighton oxford cambridge united city
`);

/** Workplace and council words that staff reach for. */
const WORKPLACE = words(`
  council councillor cabinet committee service services planning housing finance payroll
  library highways borough county district parish authority democracy election mayor
  newstarter starter employee staff intranet helpdesk support security office office365
  outlook teams sharepoint network workplace company business manager monday tuesday wednesday
  thursday friday saturday sunday january february march april may june july august september
  october november december temp temporary guest user test testing changeit newpassword
  mypassword mypass passport localgov government civic townhall countyhall
`);

/** Keyboard walks and sequences that reach 12 characters on their own. */
const WALKS = words(`
  qwertyuiopas qwertyuiopasdf qwertyuiopasdfgh qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm
  qwertyuiop123 qwertyuiop1234 qwertyuiop12345 qwertyuiop! 1234qwerasdf 1234qwerasdfzxcv
  qwerasdfzxcv qwertyasdfgh qwertyasdfghzxcvbn asdfghjklqwe asdfghjkl123 asdfghjkl1234
  zxcvbnmasdfghjkl zxcvbnm12345 zxcvbnm123456 1qaz2wsx3edc 1qaz2wsx3edc4rfv 1qazxsw23edc
  !qaz2wsx3edc !qaz@wsx#edc zaq12wsxcde3 zaq12wsxcde34rfv zaq1xsw2cde3 qazwsxedcrfv
  qazwsxedcrfvtgb qazwsxedc123 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1q2w3e4r5t6y7u8i q1w2e3r4t5y6
  q1w2e3r4t5y6u7 a1s2d3f4g5h6 z1x2c3v4b5n6 123qweasdzxc 123qweasdzxc! qweasdzxc123
  qweasdzxc1234 1qa2ws3ed4rf poiuytrewqasdf poiuytrewq123 0987654321qwerty 1234567890qwerty
  qwerty1234567 qwerty12345678 qwerty123456789 qwerty1234567890 1234567890abc 1234567890qw
  abcdefghijkl abcdefghijklm abcdefghijklmn abcdefghijklmnop abcdefghijklmnopqrstuvwxyz
  abcdefg12345 abcdef123456 abc123abc123 abc123456789 a1b2c3d4e5f6 1a2b3c4d5e6f
  aaaaaa111111 qqqqqqqqqqqq 1234abcd1234 abcd1234abcd 12345678abcd 1234567890-= 147258369147
  147852369123 159753159753 741852963741 789456123789 123456789987654321 123454321123
`);

/** Whole phrases people use as long passwords. */
const PHRASES = words(`
  iloveyouforever iloveyoubaby iloveyousomuch iloveyoumore iloveyoutoo iloveyoumom iloveyoudad
  ilovemymom ilovemydad ilovemyself ilovemyfamily ilovemykids ilovemydog ilovemycat
  ilovejesus ilovegod iloveyou2 ihateyou1234 nevergiveup neverforget loveyouforever
  thequickbrownfox thequickbrownfoxjumpsoverthelazydog correcthorsebatterystaple
  letmeinnow letmeinplease pleaseletmein opensesame whatever123 whatsup123 howareyou123
  goodmorning goodnight123 happybirthday happydays123 merrychristmas christmas123 myspace123
  facebook123 instagram123 twitter1234 linkedin1234 youtube12345 football1234 passwordpassword
  password1password1 passwordpassword1 qwertyqwerty qwerty123qwerty monkeymonkey
  dragondragon letmeinletmein welcomewelcome adminadmin1234 administrator1 administrator123
  administrator1234 changemechangeme changemenow changeme2024 mynewpassword mynewpassword1
  newpassword123 newpassword1234 thisismypassword thisisapassword thisismypass
  notmypassword nopassword123 forgotpassword forgotmypassword secretpassword supersecret123
  topsecret1234 strongpassword strongpassword1 securepassword securepassword1
  verysecurepassword password12345678 password123456789 password1234567890 passwordispassword
  temppassword1 temporarypassword welcometothecouncil welcometowork welcometotheteam
  welcomeaboard newstarter2024 firstdayatwork
`);

/** Suffixes people add to reach a length rule. */
const NUMBERS = ['1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '01', '007', '69', '99', '321', '54321', '111', '000'];
const SYMBOLS = ['!', '!!', '!!!', '1!', '12!', '123!', '1234!', '12345!', '!123', '@123', '#1', '123$', '!@#', '!@#$', '123!@#'];
const YEARS: string[] = [];
for (let y = 1970; y <= 2030; y++) YEARS.push(String(y));
/** Recent years (the year the password was set), also followed by "!" (council2024!). */
const RECENT = YEARS.filter((y) => Number(y) >= 2015);

function add(out: Set<string>, candidate: string): void {
  const s = candidate.toLowerCase();
  if (s.length >= MIN && s.length <= MAX && !/\s/.test(s)) out.add(s);
}

/** A base word followed by digits, a year or a "!", as people pad a word to a length rule. */
function padded(out: Set<string>, base: string, suffixes: readonly string[]): void {
  add(out, base);
  for (const s of suffixes) add(out, base + s);
}

export function generate(): string[] {
  const out = new Set<string>();
  const recentBang = RECENT.map((y) => `${y}!`);
  for (const w of TOP) {
    padded(out, w, [...NUMBERS, ...SYMBOLS, ...YEARS, ...recentBang]);
    for (const n of NUMBERS.slice(0, 6)) add(out, `${n}${w}`);
    for (const s of ['@123', '@1234', '@2024', '#2024', '_2024']) add(out, w + s);
    add(out, w + w);
    add(out, `${w}${w}1`);
    add(out, `${w}${w}123`);
    for (const p of ['my', 'ilove', 'the']) padded(out, p + w, [...NUMBERS.slice(0, 6), '!', '1!', '123!', ...RECENT]);
  }
  for (const w of COMMON) padded(out, w, [...NUMBERS.slice(0, 10), ...SYMBOLS.slice(0, 7), ...RECENT]);
  for (const w of WORKPLACE) padded(out, w, [...NUMBERS.slice(0, 10), ...SYMBOLS.slice(0, 7), ...RECENT, ...recentBang]);
  for (const w of WALKS) padded(out, w, [...NUMBERS.slice(0, 6), '!', '1!', '123!']);
  for (const p of PHRASES) {
    add(out, p);
    for (const s of ['1', '12', '123', '1234', '!', '1!', '123!']) add(out, p + s);
    for (const y of RECENT) add(out, p + y);
  }
  // Runs of one character, and repeated or counted digits, 12 to 20 long.
  for (const c of '0123456789abcdefghijklmnopqrstuvwxyz!*.') for (let n = MIN; n <= 20; n++) add(out, c.repeat(n));
  for (let n = MIN; n <= 20; n++) {
    for (const unit of ['1234567890', '0987654321', '123', '12', '321', 'abc', 'qwerty', 'asdf', '1qaz', 'abc123']) add(out, unit.repeat(Math.ceil(n / unit.length)).slice(0, n));
  }
  return [...out].sort();
}

const HEADER = [
  '# Common passwords of 12 characters or more, refused by the password policy (src/domain/passwords.ts).',
  '# Generated by scripts/generate-common-passwords.ts: do not edit by hand; change the script and run it.',
];

export function render(entries: string[]): string {
  return [...HEADER, ...entries].join('\n') + '\n';
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = render(generate());
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), OUT)} is out of date: run npx tsx scripts/generate-common-passwords.ts`);
      process.exit(1);
    }
    console.log(`${path.relative(process.cwd(), OUT)} is up to date.`);
  } else {
    fs.writeFileSync(OUT, text);
    console.log(`Wrote ${text.split('\n').length - HEADER.length - 1} entries to ${path.relative(process.cwd(), OUT)}.`);
  }
}
