import { type RefObject, useEffect, useEffectEvent } from 'react';
import { BarcodeWedge, FLUSH_AFTER_MS } from '../till/barcode-wedge.js';

/**
 * The scanner types into whatever has focus: while `enabled`, bursts ending in Enter are taken as scans and
 * held back from the page (`onScan`), slower keys are typing (`onTyping` for the ones held back meanwhile,
 * `onUntyping` for those given back too early, as the rest of their scan showed).
 * Keys typed into another field than `searchField` are left alone. Register it before other keydown
 * listeners: it stops the keys it holds from reaching them.
 */
export function useBarcodeWedge(options: {
  enabled: boolean;
  searchField: RefObject<HTMLInputElement | null>;
  onScan: (code: string) => void;
  onTyping: (text: string) => void;
  onUntyping: (text: string) => void;
}): void {
  const { enabled, searchField } = options;
  const onScan = useEffectEvent(options.onScan);
  const onTyping = useEffectEvent((text: string) => {
    if (text) options.onTyping(text);
  });
  const onUntyping = useEffectEvent(options.onUntyping);

  useEffect(() => {
    if (!enabled) return;
    // One wedge for as long as the screen sells: a scan may span several renders.
    const wedge = new BarcodeWedge();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      const inOtherField = target instanceof HTMLInputElement && target !== searchField.current;
      if (inOtherField || event.ctrlKey || event.altKey || event.metaKey) return;
      const verdict = wedge.feed(event.key, event.timeStamp);
      clearTimeout(timer);
      if (verdict.reclaim) onUntyping(verdict.reclaim);
      onTyping(verdict.replay);
      if (verdict.key === 'pass') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (verdict.scan) onScan(verdict.scan);
      else timer = setTimeout(() => onTyping(wedge.timeout()), FLUSH_AFTER_MS);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [enabled, searchField]);
}
