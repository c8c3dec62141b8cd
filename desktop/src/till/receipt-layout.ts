/** Text laid out for an 80 mm receipt printer: 48 columns of a monospaced font. */
export const RECEIPT_WIDTH = 48;

/** Printers know no narrow or non-breaking spaces. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
export const centre = (text: string) => {
  const clipped = text.slice(0, RECEIPT_WIDTH);
  return ' '.repeat(Math.floor((RECEIPT_WIDTH - clipped.length) / 2)) + clipped;
};
/** Label on the left, amount flush right; a label too long for both is cut. */
export const row = (label: string, value: string) => {
  const room = RECEIPT_WIDTH - value.length - 1;
  return `${label.slice(0, room).padEnd(room)} ${value}`;
};
export const rule = '-'.repeat(RECEIPT_WIDTH);
/** Breaks between words; a word longer than a line is cut. */
export const wrap = (text: string) => {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > RECEIPT_WIDTH) {
      lines.push(current);
      current = '';
    }
    current = current ? `${current} ${word}` : word;
    while (current.length > RECEIPT_WIDTH) {
      lines.push(current.slice(0, RECEIPT_WIDTH));
      current = current.slice(RECEIPT_WIDTH);
    }
  }
  if (current) lines.push(current);
  return lines;
};
