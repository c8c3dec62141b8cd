import { useTranslation } from 'react-i18next';
import type { ManagerSession } from './manager-session.js';
import { useReloadable } from './team/use-reloadable.js';

/** An admin's choice of the store the back office works on; empty is every store. */
export function StorePicker(props: {
  session: ManagerSession;
  storeId: string | null;
  onChange: (storeId: string | null) => void;
}) {
  const { t } = useTranslation();
  const { data: stores } = useReloadable(() => props.session.api.stores.list.query(), [props.session]);
  if (!stores) return null;
  return (
    <label className="store-picker">
      {t('team.store.label')}
      <select
        name="store"
        value={props.storeId ?? ''}
        onChange={(event) => props.onChange(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">{t('team.store.all')}</option>
        {stores.map((store) => (
          <option key={store.id} value={store.id}>
            {store.code} · {store.name}
          </option>
        ))}
      </select>
    </label>
  );
}
