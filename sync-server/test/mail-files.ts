import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SentMail {
  to: string;
  subject: string;
  text: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= or ?B?), as nodemailer writes non-ASCII headers. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replaceAll('_', ' ')),
    );
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The .eml files the file mail transport wrote to `directory`, headers and text decoded. */
export async function sentMails(directory: string): Promise<SentMail[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.eml'));
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(join(directory, file), 'utf8');
      const split = raw.indexOf('\n\n');
      const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
      const body = raw.slice(split + 2);
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '';
      const quoted = /quoted-printable/i.test(header('Content-Transfer-Encoding'));
      return {
        to: header('To'),
        subject: decodeHeader(header('Subject')),
        text: quoted ? decodeQuotedPrintable(body) : body,
      };
    }),
  );
}
