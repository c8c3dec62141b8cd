import { useSyncExternalStore } from 'react';
import { type Cart, parseCart } from './cart.js';

const KEY = 'allure.cart.v1';
const EMPTY: Cart = [];

/**
 * The cart in localStorage: it survives closing the browser, and every open tab shows the same cart (the
 * `storage` event tells the others). The server renders an empty cart; the stored one shows right after.
 */
let current: Cart | null = null;
const listeners = new Set<() => void>();

function read(): Cart {
  try {
    return parseCart(JSON.parse(localStorage.getItem(KEY) ?? '[]'));
  } catch {
    return EMPTY;
  }
}

function snapshot(): Cart {
  current ??= read();
  return current;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== KEY) return;
    current = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function updateCart(change: (cart: Cart) => Cart) {
  const next = change(snapshot());
  current = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Private browsing or a full quota: the cart still works for this visit.
  }
  for (const listener of listeners) listener();
}

export function useCart(): Cart {
  return useSyncExternalStore(subscribe, snapshot, () => EMPTY);
}
