import QRCode from 'qrcode';
import { isCardNumber } from './card-number.js';

/** EAN-13 digit patterns (GS1 General Specifications 5.2.1.2): set A ("L"), set B ("G"), set C ("R"). */
const setA = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const setC = setA.map((p) => [...p].map((b) => (b === '1' ? '0' : '1')).join(''));
const setB = setC.map((p) => [...p].reverse().join(''));
/** Which set each of digits 2–7 takes, chosen by the first digit (which the bars never show directly). */
const parity = [
  'AAAAAA',
  'AABABB',
  'AABBAB',
  'AABBBA',
  'ABAABB',
  'ABBAAB',
  'ABBBAA',
  'ABABAB',
  'ABABBA',
  'ABBABA',
];

/** The 95 modules of an EAN-13 symbol, '1' for a bar, guards included. */
export function ean13Modules(number: string): string {
  if (!/^\d{13}$/.test(number)) throw new Error('EAN-13 needs 13 digits');
  const d = [...number].map(Number);
  const sets = parity[d[0] as number] as string;
  let out = '101';
  for (let i = 1; i <= 6; i++) {
    const digit = d[i] as number;
    out += (sets[i - 1] === 'A' ? setA : setB)[digit];
  }
  out += '01010';
  for (let i = 7; i <= 12; i++) out += setC[d[i] as number];
  return `${out}101`;
}

/** Modules that are guard bars (drawn longer, as on any printed EAN-13). */
const isGuard = (i: number) => i < 3 || (i >= 45 && i < 50) || i >= 92;

/**
 * An EAN-13 barcode as SVG: bars in module units with the quiet zones the standard asks for (11 modules left, 7
 * right) and the digits under the bars. Black on white, crisp edges, scales to any width.
 */
export function ean13Svg(number: string): string {
  const modules = ean13Modules(number);
  const left = 11;
  const width = left + 95 + 7;
  const barHeight = 60;
  const rects: string[] = [];
  for (let i = 0; i < modules.length; ) {
    if (modules[i] !== '1') {
      i++;
      continue;
    }
    let j = i;
    while (j < modules.length && modules[j] === '1' && isGuard(j) === isGuard(i)) j++;
    rects.push(
      `<rect x="${left + i}" y="2" width="${j - i}" height="${isGuard(i) ? barHeight + 5 : barHeight}"/>`,
    );
    i = j;
  }
  const digit = (x: number, text: string) =>
    `<text x="${x}" y="${barHeight + 11}" text-anchor="middle">${text}</text>`;
  const texts = [
    digit(left - 5, number[0] as string),
    ...[...number.slice(1, 7)].map((c, k) => digit(left + 3 + 7 * k + 3.5, c)),
    ...[...number.slice(7)].map((c, k) => digit(left + 50 + 7 * k + 3.5, c)),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${barHeight + 14}" shape-rendering="crispEdges">`,
    `<rect width="${width}" height="${barHeight + 14}" fill="#fff"/>`,
    `<g fill="#000">${rects.join('')}</g>`,
    `<g fill="#000" font-family="monospace" font-size="9">${texts.join('')}</g>`,
    '</svg>',
  ].join('');
}

/** The card's QR code as SVG: the card number only, so any till scanner types the same digits as the barcode. */
export async function cardQrSvg(number: string): Promise<string> {
  if (!isCardNumber(number)) throw new Error('Not a card number');
  return QRCode.toString(number, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
