import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffice } from '../office-context.js';
import { Tabs } from '../Tabs.js';
import { CategoriesPanel } from './CategoriesPanel.js';
import { type CatalogBasics, categoryTree } from './catalog-basics.js';
import { ProductEditor } from './ProductEditor.js';
import { ProductList } from './ProductList.js';

const views = ['products', 'categories'] as const;

/**
 * The catalog: the product list, or one product's editor (a new one, or an existing one by id); beside
 * them, the category tree.
 */
export function CatalogScreen() {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [basics, setBasics] = useState<CatalogBasics | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [version, setVersion] = useState(0);
  const [view, setView] = useState<(typeof views)[number]>('products');
  // Bumped when the categories changed: the tree is read again for the pick lists.
  const [treeVersion, setTreeVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void Promise.all([session.api.catalog.admin.currency.query(), session.api.catalog.categories.query()])
      .then(([{ currency }, rows]) => {
        if (current) setBasics({ currency, categories: categoryTree(rows) });
      })
      .catch((error: Error) => current && setProblem(error.message));
    return () => {
      current = false;
    };
  }, [session, treeVersion]);

  if (problem) return <p className="error">{t('office.loadFailed', { reason: problem })}</p>;
  if (!basics) return <p className="muted">{t('catalog.loading')}</p>;
  const tabs = (
    <Tabs
      tabs={views}
      selected={view}
      label={(tab) => t(tab === 'products' ? 'catalog.backToList' : 'catalog.categories.title')}
      onSelect={setView}
    />
  );
  if (view === 'categories') {
    return (
      <>
        {tabs}
        <CategoriesPanel basics={basics} onChanged={() => setTreeVersion((tree) => tree + 1)} />
      </>
    );
  }
  return (
    <>
      {editing === null && tabs}
      {editing !== null && (
        <ProductEditor
          key={editing}
          basics={basics}
          productId={editing === 'new' ? null : editing}
          onCreated={setEditing}
          onClose={() => {
            setEditing(null);
            setVersion((version) => version + 1);
          }}
        />
      )}
      {/* Kept while a product is open, so closing it comes back to the same search. */}
      <div hidden={editing !== null}>
        <ProductList basics={basics} version={version} onOpen={setEditing} onNew={() => setEditing('new')} />
      </div>
    </>
  );
}
