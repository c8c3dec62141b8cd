import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePrinterAddress, sendToPrinter } from './receipt-printer.js';

describe('receipt printer', () => {
  it('reads network printers and device paths, nothing else', () => {
    expect(parsePrinterAddress('192.168.1.50:9100')).toEqual({
      kind: 'network',
      host: '192.168.1.50',
      port: 9100,
    });
    expect(parsePrinterAddress('printer.shop.local:9100')).toMatchObject({ kind: 'network' });
    expect(parsePrinterAddress('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterAddress('COM3')).toEqual({ kind: 'device', path: 'COM3' });
    expect(parsePrinterAddress('printer:99999')).toBeNull();
    expect(parsePrinterAddress('/etc/passwd')).toBeNull();
    expect(parsePrinterAddress('http://printer')).toBeNull();
  });

  it('sends the bytes to a network printer', async () => {
    const received: Buffer[] = [];
    const printer = createServer((socket) => socket.on('data', (chunk) => received.push(chunk)));
    printer.listen(0, '127.0.0.1');
    await once(printer, 'listening');
    const { port } = printer.address() as AddressInfo;
    await sendToPrinter({ kind: 'network', host: '127.0.0.1', port }, Buffer.from('receipt\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    printer.close();
    expect(Buffer.concat(received).toString()).toBe('receipt\n');
  });

  it('fails clearly when the network printer is not there', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    await expect(
      sendToPrinter({ kind: 'network', host: '127.0.0.1', port }, Buffer.from('x')),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('writes to a device file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'allure-printer-'));
    const device = join(folder, 'lp0');
    await writeFile(device, '');
    await sendToPrinter({ kind: 'device', path: device }, Buffer.from([0x1b, 0x40]));
    expect([...(await readFile(device))]).toEqual([0x1b, 0x40]);
    await rm(folder, { recursive: true });
  });
});
