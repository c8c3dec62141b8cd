import { createPinVerifier } from '@allure/shared/pin';
import { hashPassword } from '../credentials.js';
import type { DemoStore } from './demo-stores.js';
import { idSequence } from './seed-ids.js';

/** A demo store's row, its locations, terminals, staff and a few customers. */

/** Every demo account's password. */
export const demoPassword = 'allure-demo';

export interface StoreRow {
  id: string;
  code: string;
  name: string;
  currency: string;
  pricesIncludeTax: boolean;
  locale: string;
  timezone: string;
  addressLine1: string;
  city: string;
  country: string;
  phone: string;
}

export interface LocationRow {
  id: string;
  storeId: string;
  code: string;
  name: string;
  kind: 'store' | 'warehouse' | 'web';
}

export interface TerminalRow {
  id: string;
  storeId: string;
  code: string;
  name: string;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'manager' | 'cashier' | 'customer';
  passwordHash: string;
  pinVerifier: string | null;
  storeId: string | null;
  discountLimitBps: number;
}

export interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  storeId: string;
  userId: string | null;
}

export interface StoreFixtures {
  store: StoreRow;
  locations: { store: LocationRow; warehouse: LocationRow; web: LocationRow };
  terminals: TerminalRow[];
  users: UserRow[];
  customers: CustomerRow[];
}

interface DemoUser {
  email: string;
  name: string;
  role: UserRow['role'];
  pin?: string;
}

/** Staff PINs: manager 2468, cashiers 1234 and 5678. */
export const demoUsers: readonly DemoUser[] = [
  { email: 'admin@allure.test', name: 'Awa Ndiaye', role: 'admin' },
  { email: 'manager@allure.test', name: 'Moussa Diop', role: 'manager', pin: '2468' },
  { email: 'cashier@allure.test', name: 'Fatou Sarr', role: 'cashier', pin: '1234' },
  { email: 'cashier2@allure.test', name: 'Ibrahima Fall', role: 'cashier', pin: '5678' },
  { email: 'client@allure.test', name: 'Aminata Sow', role: 'customer' },
];

const demoCustomers = [
  { name: 'Aminata Sow', email: 'client@allure.test', phone: '+221 77 123 45 67' },
  { name: 'Cheikh Mbaye', email: 'cheikh.mbaye@example.sn', phone: '+221 78 234 56 78' },
  { name: 'Mariama Ba', email: null, phone: '+221 76 345 67 89' },
  { name: 'Ousmane Gueye', email: 'o.gueye@example.sn', phone: null },
  { name: 'Khady Faye', email: 'khady.faye@example.sn', phone: '+221 77 456 78 90' },
  { name: 'Pape Ndiaye', email: null, phone: '+221 70 567 89 01' },
  { name: 'Ndèye Thiam', email: 'ndeye.thiam@example.sn', phone: '+221 77 678 90 12' },
  { name: 'Claire Martin', email: 'claire.martin@example.fr', phone: '+33 6 12 34 56 78' },
] as const;

/**
 * Builds the fixtures. Ids are deterministic; password hashes and PIN verifiers get random salts
 * (as every stored credential must), so those two columns differ from one seed to the next.
 */
export async function buildStoreFixtures(demo: DemoStore): Promise<StoreFixtures> {
  const storeId = idSequence('store')();
  const store: StoreRow = {
    id: storeId,
    code: demo.code,
    name: demo.name,
    currency: demo.currency,
    pricesIncludeTax: true,
    locale: demo.locale,
    timezone: demo.timezone,
    addressLine1: demo.addressLine1,
    city: demo.city,
    country: demo.country,
    phone: demo.phone,
  };
  const nextLocationId = idSequence('location');
  const location = (code: string, name: string, kind: LocationRow['kind']): LocationRow => ({
    id: nextLocationId(),
    storeId,
    code,
    name,
    kind,
  });
  const locations = {
    store: location(`${demo.code}-STORE`, demo.locationNames.store, 'store'),
    warehouse: location(`${demo.code}-WH`, demo.locationNames.warehouse, 'warehouse'),
    web: location(`${demo.code}-WEB`, demo.locationNames.web, 'web'),
  };
  const nextTerminalId = idSequence('terminal');
  const terminals: TerminalRow[] = [
    { id: nextTerminalId(), storeId, code: 'T01', name: 'Caisse 1' },
    { id: nextTerminalId(), storeId, code: 'T02', name: 'Caisse 2' },
  ];

  const nextUserId = idSequence('user');
  const users = await Promise.all(
    demoUsers.map(async (user): Promise<UserRow> => {
      const id = nextUserId();
      return {
        id,
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash: await hashPassword(demoPassword),
        pinVerifier: user.pin ? await createPinVerifier(user.pin) : null,
        storeId: user.role === 'customer' ? null : storeId,
        // Cashiers give up to 10 % off on their own; beyond that a manager approves.
        discountLimitBps: user.role === 'cashier' ? 1000 : 0,
      };
    }),
  );

  const nextCustomerId = idSequence('customer');
  const userIdByEmail = new Map(users.map((user) => [user.email, user.id]));
  const customers = demoCustomers.map(
    (customer): CustomerRow => ({
      id: nextCustomerId(),
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      storeId,
      userId: (customer.email && userIdByEmail.get(customer.email)) || null,
    }),
  );
  return { store, locations, terminals, users, customers };
}
