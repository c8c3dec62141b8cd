import type { Currency } from '@allure/shared/currency';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../app/money.js';
import { BarChart } from './BarChart.js';
import { daysBefore, localDate } from './dashboard-period.js';
import type { ManagerSession } from './manager-session.js';
import { useOffice } from './office-context.js';

type Api = ManagerSession['api'];
type Loaded = Awaited<ReturnType<typeof loadDashboard>>;

/** Everything the dashboard shows, in one round of parallel requests. */
async function loadDashboard(api: Api, today: string) {
  const week = { from: daysBefore(today, 6), to: today };
  const [byHour, byDay, top, lowStock, oversell] = await Promise.all([
    api.reports.salesByHour.query({ from: today, to: today }),
    api.reports.salesByDay.query(week),
    api.reports.topProducts.query({ ...week, limit: 5 }),
    api.inventory.lowStock.list.query({ limit: 8 }),
    api.inventory.oversellAlerts.list.query({ limit: 8 }),
  ]);
  return { byHour, byDay, top, lowStock, oversell };
}

/** Today at a glance: takings, the day by hour, the week, best sellers, and what needs a manager. */
export function Dashboard() {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const refresh = async () => {
      try {
        const next = await loadDashboard(session.api, localDate(new Date()));
        if (!current) return;
        setLoaded(next);
        setProblem(null);
      } catch (error) {
        if (current) setProblem((error as Error).message);
      }
    };
    void refresh();
    // Sales arrive from the tills all day: keep the numbers moving while the dashboard is open.
    const timer = setInterval(refresh, 30_000);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [session]);

  if (problem && !loaded) return <p className="error">{t('office.loadFailed', { reason: problem })}</p>;
  if (!loaded) return <p className="muted">{t('app.loading')}</p>;
  return <DashboardView loaded={loaded} />;
}

function DashboardView({ loaded }: { loaded: Loaded }) {
  const { t } = useTranslation();
  const { money, locale } = useMoney(loaded.byDay.store.currency as Currency);
  const today = loaded.byDay.rows.at(-1);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return (
    <div className="dashboard">
      <section className="card kpi" data-testid="today-sales">
        <h2>{t('office.todaySales')}</h2>
        <p className="big-number">{money(today?.total ?? 0)}</p>
        <p className="muted">{t('office.todayOrders', { count: today?.orders ?? 0 })}</p>
      </section>
      <section className="card wide">
        <h2>{t('office.byHour')}</h2>
        <BarChart
          title={t('office.byHour')}
          testId="sales-by-hour"
          points={loaded.byHour.rows
            .filter((row) => row.hour >= 7 && row.hour <= 22)
            .map((row) => ({ label: `${row.hour}h`, value: row.total }))}
          format={money}
        />
      </section>
      <section className="card wide">
        <h2>{t('office.week')}</h2>
        <BarChart
          title={t('office.week')}
          points={loaded.byDay.rows.map((row) => ({
            label: weekday.format(new Date(`${row.day}T12:00:00Z`)),
            value: row.total,
          }))}
          format={money}
        />
      </section>
      <section className="card">
        <h2>{t('office.topProducts')}</h2>
        <ol className="ranking" data-testid="top-products">
          {loaded.top.rows.map((row) => (
            <li key={row.product.id}>
              <span>{row.product.name}</span>
              <span className="muted">{t('office.units', { count: row.netUnits })}</span>
              <strong>{money(row.total)}</strong>
            </li>
          ))}
        </ol>
        {loaded.top.rows.length === 0 && <p className="muted">{t('office.none')}</p>}
      </section>
      <section className="card">
        <h2>{t('office.lowStock')}</h2>
        <ul className="ranking">
          {loaded.lowStock.items.map((level) => (
            <li key={`${level.variant.sku}:${level.locationId}`}>
              <span>
                {level.variant.productName} <span className="muted">{level.variant.sku}</span>
              </span>
              <strong>{level.quantity}</strong>
            </li>
          ))}
        </ul>
        {loaded.lowStock.items.length === 0 && <p className="muted">{t('office.none')}</p>}
      </section>
      <section className="card">
        <h2>{t('office.oversell')}</h2>
        <ul className="ranking">
          {loaded.oversell.items.map((alert) => (
            <li key={alert.id}>
              <span>
                {alert.variant.product.name} <span className="muted">{alert.variant.sku}</span>
              </span>
              <strong className="error">{t('office.short', { count: alert.quantityShort })}</strong>
            </li>
          ))}
        </ul>
        {loaded.oversell.items.length === 0 && <p className="muted">{t('office.none')}</p>}
      </section>
    </div>
  );
}
