import { useEffectEvent, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintableReceipt } from '../platform/platform-api.js';
import { useTill } from './till-context.js';

/**
 * A receipt on screen, sale or refund alike: F9 (or `print`) sends it to the printer, or to a PDF when there
 * is none, and says how it went; Enter moves on (`onNext`).
 */
export function useReceiptKeys(receipt: PrintableReceipt, onNext: () => void) {
  const { t } = useTranslation();
  const { platform } = useTill();
  const [printMessage, setPrintMessage] = useState<string | null>(null);

  async function print() {
    const result = await platform.printReceipt(receipt);
    setPrintMessage(
      result.printed
        ? result.via === 'pdf'
          ? t('receipt.printedPdf')
          : t('receipt.printed')
        : t('receipt.printFailed', { reason: result.reason }),
    );
  }

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onNext();
    } else if (event.key === 'F9') {
      event.preventDefault();
      void print();
    }
  });
  // Live as soon as the receipt is on screen: a quick Enter must start the next sale, not reach the screen
  // under the receipt.
  useLayoutEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return { print, printMessage };
}
