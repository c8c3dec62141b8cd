import iconv from 'iconv-lite';
import type { PrintableReceipt } from '../src/platform/platform-api.js';

/**
 * ESC/POS, the command language of receipt printers (Epson's, and the compatible ones most shops use):
 * text in code page 858 (Western European with the euro sign, so "é", "ç" and "€" print as such), a feed
 * and a partial cut at the end. The cash drawer hangs off the printer and opens on a pulse it sends.
 */

const ESC = 0x1b;
const GS = 0x1d;
/** ESC @: back to the printer's defaults. */
const initialise = [ESC, 0x40];
/** ESC t 19: code page 858 on Epson-compatible printers. */
const codePage858 = [ESC, 0x74, 19];
/** GS V 66 3: feed three lines past the cutter, then cut partially. */
const feedAndCut = [GS, 0x56, 66, 3];
/** ESC p 0 25 250: a 50 ms pulse on drawer pin 2, then 500 ms off. */
export const drawerKick = Buffer.from([ESC, 0x70, 0, 25, 250]);

/** Characters code page 858 lacks, as the nearest it has. */
const substitutes: Record<string, string> = {
  '—': '-',
  '–': '-',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '…': '...',
};

export function encodeText(text: string): Buffer {
  const printable = text.replace(/[—–’‘“”…]/g, (character) => substitutes[character] ?? '?');
  return iconv.encode(printable, 'cp858');
}

export function receiptToEscPos(receipt: PrintableReceipt, options: { openDrawer?: boolean } = {}): Buffer {
  return Buffer.concat([
    Buffer.from([...initialise, ...codePage858]),
    encodeText(`${receipt.lines.join('\n')}\n`),
    Buffer.from(feedAndCut),
    options.openDrawer ? drawerKick : Buffer.alloc(0),
  ]);
}
