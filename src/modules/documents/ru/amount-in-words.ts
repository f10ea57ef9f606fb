/**
 * «Сумма прописью» as 1C's ЧислоПрописью writes it for roubles: rubles in words, kopecks in two digits,
 * the first letter capitalised (../shared/docs/ru-documents.md §7): «Одна тысяча двести десять рублей 00 копеек».
 */

type Gender = 'm' | 'f';
/** Nominative singular, genitive singular, genitive plural: рубль / рубля / рублей. */
type Forms = readonly [string, string, string];

const unitsM = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const unitsF = ['', 'одна', 'две', ...unitsM.slice(3)];
const teens = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const tens = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const hundreds = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

/** Groups of three digits above units, lowest first; тысяча is feminine, the rest masculine. */
const scales: { forms: Forms; gender: Gender }[] = [
  { forms: ['тысяча', 'тысячи', 'тысяч'], gender: 'f' },
  { forms: ['миллион', 'миллиона', 'миллионов'], gender: 'm' },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], gender: 'm' },
  { forms: ['триллион', 'триллиона', 'триллионов'], gender: 'm' },
];

const rubles: Forms = ['рубль', 'рубля', 'рублей'];
const kopecksForms: Forms = ['копейка', 'копейки', 'копеек'];

/** The largest amount we write: 999 999 999 999 999 rubles 99 kopecks (триллионы are the last scale). */
const maxKopecks = 10n ** 17n - 1n;

/** The Russian plural form for a count, decided by its last two digits. */
export function pluralForm(n: bigint, forms: Forms): string {
  const lastTwo = n % 100n;
  const last = n % 10n;
  if (lastTwo >= 11n && lastTwo <= 19n) return forms[2];
  if (last === 1n) return forms[0];
  if (last >= 2n && last <= 4n) return forms[1];
  return forms[2];
}

/** A number 1–999 in words, in the gender of the noun that follows. */
function triadInWords(n: number, gender: Gender): string[] {
  const words = [hundreds[Math.floor(n / 100)] ?? ''];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) words.push(teens[rest - 10] ?? '');
  else {
    words.push(tens[Math.floor(rest / 10)] ?? '');
    words.push((gender === 'f' ? unitsF : unitsM)[rest % 10] ?? '');
  }
  return words.filter(Boolean);
}

/** Whole rubles in words with the declined word «рубль»; zero groups are skipped, «ноль» only for 0. */
function rublesInWords(r: bigint): string[] {
  if (r === 0n) return ['ноль', rubles[2]];
  const words: string[] = [];
  let rest = r / 1000n;
  const groups: { value: bigint; scale: (typeof scales)[number] }[] = [];
  for (const scale of scales) {
    groups.unshift({ value: rest % 1000n, scale });
    rest /= 1000n;
  }
  for (const { value, scale } of groups) {
    if (value === 0n) continue;
    words.push(...triadInWords(Number(value), scale.gender), pluralForm(value, scale.forms));
  }
  words.push(...triadInWords(Number(r % 1000n), 'm'), pluralForm(r, rubles));
  return words;
}

/** An integer number of kopecks as «Сумма прописью»; throws RangeError for fractions, negatives and overflow. */
export function amountInWords(kopecks: number | bigint): string {
  if (typeof kopecks === 'number' && !Number.isSafeInteger(kopecks)) {
    throw new RangeError(`amountInWords: kopecks must be a safe integer, got ${kopecks}`);
  }
  const k = BigInt(kopecks);
  if (k < 0n) throw new RangeError(`amountInWords: kopecks must not be negative, got ${k}`);
  if (k > maxKopecks) throw new RangeError(`amountInWords: ${k} kopecks is beyond триллионы`);
  const kop = k % 100n;
  const text = [
    ...rublesInWords(k / 100n),
    kop.toString().padStart(2, '0'),
    pluralForm(kop, kopecksForms),
  ].join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
