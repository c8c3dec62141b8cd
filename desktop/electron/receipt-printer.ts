import { open } from 'node:fs/promises';
import { Socket } from 'node:net';

/**
 * Where the receipt printer is, from the `printer` setting: `host:port` for a network printer (port 9100,
 * "raw" printing, on nearly all of them), or a device path (`/dev/usb/lp0`, `COM3`) for a USB or serial one.
 */
export type PrinterAddress =
  | { kind: 'network'; host: string; port: number }
  | { kind: 'device'; path: string };

export function parsePrinterAddress(setting: string): PrinterAddress | null {
  const network = /^([A-Za-z0-9.-]{1,253}):([0-9]{1,5})$/.exec(setting.trim());
  if (network) {
    const port = Number(network[2]);
    return port >= 1 && port <= 65_535 ? { kind: 'network', host: network[1] ?? '', port } : null;
  }
  const path = setting.trim();
  return /^(\/dev\/|COM[0-9]+$|\\\\\.\\)/.test(path) ? { kind: 'device', path } : null;
}

/** Sends the bytes and resolves once the printer has taken them; rejects after `timeoutMs` or on an error. */
export async function sendToPrinter(
  address: PrinterAddress,
  bytes: Buffer,
  timeoutMs = 5_000,
): Promise<void> {
  if (address.kind === 'device') {
    const device = await open(address.path, 'w');
    try {
      await device.write(bytes);
    } finally {
      await device.close();
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`the printer at ${address.host}:${address.port} did not answer`)),
    );
    socket.once('error', reject);
    socket.connect(address.port, address.host, () => socket.end(bytes, () => resolve()));
  });
}
