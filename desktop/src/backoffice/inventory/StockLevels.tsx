import { listStockLevelsInput } from '@allure/shared/inventory.schema';
import { type KeyboardEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../LoadMore.js';
import type { ManagerSession } from '../manager-session.js';
import { useOffice } from '../office-context.js';
import { usePages } from '../use-pages.js';
import type { InventoryBasics, VariantRef } from './InventoryScreen.js';
import { parseThreshold } from './stock-draft.js';

type Api = ManagerSession['api'];
type Level = Awaited<ReturnType<Api['inventory']['levels']['list']['query']>>['items'][number];
const keyOf = (level: Pick<Level, 'variantId' | 'locationId'>) => `${level.variantId}:${level.locationId}`;

const PAGE = 50;
const TYPING_PAUSE_MS = 250;

/** What a variant is, for a person: "Robe wax · M · Indigo". */
export function variantLabel(productName: string, size: string, colour: string): string {
  return [productName, size, colour].filter((part) => part !== '').join(' · ');
}

/** Stock levels by location, in SKU order: searched by SKU or barcode, low ones only if asked. */
export function StockLevels(props: {
  basics: InventoryBasics;
  version: number;
  onShowMovements: (variant: VariantRef) => void;
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [locationId, setLocationId] = useState('');
  const [lowOnly, setLowOnly] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  // A SKU's beginning or a barcode: anything else is said beside the box rather than sent.
  const searchValid = search === '' || listStockLevelsInput.shape.search.safeParse(search).success;
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      session.api.inventory.levels.list.query({
        limit: PAGE,
        cursor,
        search: search !== '' && searchValid ? search : undefined,
        locationId: locationId || undefined,
        lowOnly,
      }),
    [session, search, searchValid, locationId, lowOnly, props.version],
  );
  const pages = usePages(fetchPage);
  const { items, problem } = pages;
  /** Levels changed here (a new threshold) since their page was read. */
  const [changed, setChanged] = useState<ReadonlyMap<string, Level>>(new Map());
  useEffect(() => setChanged(new Map()), [items]);

  return (
    <div className="stock-levels">
      <div className="office-toolbar">
        <input
          type="search"
          name="level-search"
          aria-label={t('inventory.searchLevels')}
          placeholder={t('inventory.searchLevels')}
          value={typed}
          maxLength={64}
          onChange={(event) => setTyped(event.target.value)}
        />
        <select
          name="level-location"
          aria-label={t('inventory.location')}
          value={locationId}
          onChange={(event) => setLocationId(event.target.value)}
        >
          <option value="">{t('inventory.allLocations')}</option>
          {props.basics.locations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.name}
            </option>
          ))}
        </select>
        <label className="check">
          <input
            type="checkbox"
            name="low-only"
            checked={lowOnly}
            onChange={(event) => setLowOnly(event.target.checked)}
          />
          {t('inventory.lowOnly')}
        </label>
      </div>
      {!searchValid && <p className="error">{t('inventory.searchHint')}</p>}
      {problem && <p className="error">{t('office.loadFailed', { reason: problem })}</p>}
      {items && items.length === 0 && <p className="muted empty-list">{t('inventory.noLevels')}</p>}
      {items && items.length > 0 && (
        <table className="data-table" data-testid="stock-levels">
          <thead>
            <tr>
              <th>{t('inventory.sku')}</th>
              <th>{t('inventory.variant')}</th>
              <th>{t('inventory.location')}</th>
              <th className="number">{t('inventory.onHand')}</th>
              <th className="number">{t('inventory.reserved')}</th>
              <th className="number">{t('inventory.available')}</th>
              <th className="number">{t('inventory.threshold')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((read) => {
              const level = changed.get(keyOf(read)) ?? read;
              const label = variantLabel(level.variant.productName, level.variant.size, level.variant.colour);
              return (
                <tr
                  key={keyOf(level)}
                  data-sku={level.variant.sku}
                  data-location={level.location.code}
                  className={level.low ? 'low' : undefined}
                >
                  <td className="mono">{level.variant.sku}</td>
                  <td>{label}</td>
                  <td>{level.location.name}</td>
                  <td className="number" data-testid="on-hand">
                    {level.quantity}
                    {level.low && <span className="badge low">{t('inventory.low')}</span>}
                  </td>
                  <td className="number">{level.reserved}</td>
                  <td className="number">{level.available}</td>
                  <td className="number">
                    <ThresholdCell
                      level={level}
                      onSaved={(saved) => setChanged((current) => new Map(current).set(keyOf(saved), saved))}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="ghost"
                      onClick={() =>
                        props.onShowMovements({
                          variantId: level.variantId,
                          label: `${level.variant.sku} — ${label}`,
                        })
                      }
                    >
                      {t('inventory.movements')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <LoadMore pages={pages} more={t('inventory.loadMore')} loading={t('inventory.loading')} />
    </div>
  );
}

/** A level's low-stock threshold, changed in place: Enter saves, Escape leaves it as it was, empty removes it. */
function ThresholdCell(props: { level: Level; onSaved: (level: Level) => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [typed, setTyped] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const { level } = props;

  const save = async () => {
    if (typed === null) return;
    const threshold = parseThreshold(typed);
    if (threshold === undefined) return setFailed(true);
    try {
      props.onSaved(
        await session.api.inventory.levels.setThreshold.mutate({
          variantId: level.variantId,
          locationId: level.locationId,
          threshold,
        }),
      );
      setTyped(null);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void save();
    if (event.key === 'Escape') {
      setTyped(null);
      setFailed(false);
    }
  };

  if (typed === null) {
    return (
      <button
        type="button"
        className="ghost threshold"
        aria-label={t('inventory.setThreshold', { sku: level.variant.sku, location: level.location.name })}
        onClick={() => setTyped(level.lowStockThreshold === null ? '' : String(level.lowStockThreshold))}
      >
        {level.lowStockThreshold ?? '—'}
      </button>
    );
  }
  return (
    <input
      name="threshold"
      className="number short"
      inputMode="numeric"
      aria-label={t('inventory.setThreshold', { sku: level.variant.sku, location: level.location.name })}
      aria-invalid={failed ? true : undefined}
      title={failed ? t('inventory.problems.invalidThreshold') : t('inventory.thresholdHint')}
      value={typed}
      onChange={(event) => setTyped(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => {
        setTyped(null);
        setFailed(false);
      }}
      autoFocus
    />
  );
}
