import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import type { Mail } from './mail-templates.js';

/** Sends one e-mail; `messageId` makes a resend recognisable as the same message. */
export type SendMail = (mail: Mail, messageId: string) => Promise<void>;

/**
 * `file:///dir`: each message is built by nodemailer and written to `<dir>/<message id>.eml` (development,
 * tests, and a trail to inspect); `smtp(s)://`: sent through that server.
 */
export function createMailer(url: string, from: string): SendMail {
  const target = new URL(url);
  if (target.protocol === 'file:') {
    const directory = fileURLToPath(target);
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return async (mail, messageId) => {
      const info = await transport.sendMail({ ...mail, from, messageId: `<${messageId}@allure>` });
      await mkdir(directory, { recursive: true });
      await writeFile(join(directory, `${messageId}.eml`), info.message as Buffer);
    };
  }
  const transport = nodemailer.createTransport(url);
  return async (mail, messageId) => {
    await transport.sendMail({ ...mail, from, messageId: `<${messageId}@allure>` });
  };
}
