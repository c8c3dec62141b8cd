import { describe, expect, it } from 'vitest';
import { drawerKick, encodeText, receiptToEscPos } from './escpos.js';

describe('ESC/POS receipts', () => {
  it('prints French text in code page 858, dashes and quotes made plain', () => {
    expect([...encodeText('é ç à € ·')]).toEqual([0x82, 0x20, 0x87, 0x20, 0x85, 0x20, 0xd5, 0x20, 0xfa]);
    expect(encodeText('Robe — l’été').toString('latin1')).toBe("Robe - l'\x82t\x82");
  });

  it('initialises, selects the code page, prints every line and ends with a cut', () => {
    const bytes = receiptToEscPos({ orderNumber: 'DKR1-T01-000001', lines: ['ALLURE', 'Total 1 500 F CFA'] });
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 19]);
    expect(bytes.includes(Buffer.from('ALLURE\nTotal 1 500 F CFA\n', 'latin1'))).toBe(true);
    expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x56, 66, 3]);
  });

  it('opens the cash drawer after the cut when asked', () => {
    const bytes = receiptToEscPos({ orderNumber: 'x', lines: [] }, { openDrawer: true });
    expect(bytes.subarray(-drawerKick.length)).toEqual(drawerKick);
  });
});
