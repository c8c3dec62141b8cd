import { createCategoryInput } from '@allure/shared/catalog.schema';
import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../FormParts.js';
import { FORM, type Problem, problemsOfIssues, problemsOfServer } from '../form-problems.js';
import { useOffice } from '../office-context.js';
import { type CatalogBasics, categoryLabel, subtreeOf } from './catalog-basics.js';

/**
 * The category tree the shop and the tills browse: create one (at the top or under another), rename it,
 * move it under another, delete an empty one. The server refuses what would break the tree or lose products,
 * and says why here.
 */
export function CategoriesPanel(props: { basics: CatalogBasics; onChanged: () => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const admin = session.api.catalog.admin.categories;
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const categories = props.basics.categories;

  /** Runs a change; on success says so and reloads the tree, else shows the refusal. */
  async function change(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setProblems([]);
    setNotice(null);
    try {
      await run();
      setNotice(done);
      props.onChanged();
      return true;
    } catch (error) {
      setProblems(problemsOfServer(error));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { name: name.trim(), parentId: parentId || null };
    const parsed = createCategoryInput.safeParse(input);
    if (!parsed.success) return setProblems(problemsOfIssues(parsed.error.issues));
    if (await change(() => admin.create.mutate(parsed.data), t('catalog.categories.created', input)))
      setName('');
  }

  async function rename(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!renaming) return;
    const input = { id: renaming.id, name: renaming.name.trim() };
    if (await change(() => admin.update.mutate(input), t('catalog.categories.saved'))) setRenaming(null);
  }

  const problem = problems.find((found) => found.field === FORM) ?? problems[0];

  return (
    <section className="categories" aria-labelledby="categories-title" data-testid="categories">
      <h2 id="categories-title">{t('catalog.categories.title')}</h2>
      <form className="office-toolbar" onSubmit={create}>
        <input
          name="category-name"
          aria-label={t('catalog.categories.name')}
          placeholder={t('catalog.categories.name')}
          value={name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
        />
        <select
          name="category-parent"
          aria-label={t('catalog.categories.parent')}
          value={parentId}
          onChange={(event) => setParentId(event.target.value)}
        >
          <option value="">{t('catalog.categories.topLevel')}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {categoryLabel(category)}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
          {t('catalog.categories.create')}
        </button>
      </form>
      <FormProblem problem={problem} />
      {notice && <p className="ok">{notice}</p>}
      {categories.length === 0 ? (
        <p className="muted empty-list">{t('catalog.categories.none')}</p>
      ) : (
        <table className="data-table" data-testid="category-list">
          <tbody>
            {categories.map((category) => {
              const excluded = subtreeOf(categories, category.id);
              return (
                <tr key={category.id} data-category={category.name}>
                  <td style={{ paddingInlineStart: `${0.75 + category.depth * 1.5}rem` }}>
                    {renaming?.id === category.id ? (
                      <form className="row" onSubmit={rename}>
                        <input
                          name="category-rename"
                          aria-label={t('catalog.categories.name')}
                          value={renaming.name}
                          maxLength={120}
                          onChange={(event) => setRenaming({ id: category.id, name: event.target.value })}
                          autoFocus
                        />
                        <button type="submit" className="primary" disabled={busy}>
                          {t('catalog.categories.saveName')}
                        </button>
                        <button type="button" className="ghost" onClick={() => setRenaming(null)}>
                          {t('catalog.categories.cancel')}
                        </button>
                      </form>
                    ) : (
                      category.name
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={t('catalog.categories.parent')}
                      value={category.parentId ?? ''}
                      disabled={busy}
                      onChange={(event) =>
                        void change(
                          () => admin.move.mutate({ id: category.id, parentId: event.target.value || null }),
                          t('catalog.categories.saved'),
                        )
                      }
                    >
                      <option value="">{t('catalog.categories.topLevel')}</option>
                      {categories
                        .filter((other) => !excluded.has(other.id))
                        .map((other) => (
                          <option key={other.id} value={other.id}>
                            {categoryLabel(other)}
                          </option>
                        ))}
                    </select>
                  </td>
                  <td>
                    <div className="row">
                      <button
                        type="button"
                        className="ghost"
                        onClick={() => setRenaming({ id: category.id, name: category.name })}
                      >
                        {t('catalog.categories.rename')}
                      </button>
                      {deleting === category.id ? (
                        <button
                          type="button"
                          className="danger"
                          disabled={busy}
                          onClick={() => {
                            setDeleting(null);
                            void change(
                              () => admin.delete.mutate({ id: category.id }),
                              t('catalog.categories.deleted'),
                            );
                          }}
                        >
                          {t('catalog.categories.confirmDelete')}
                        </button>
                      ) : (
                        <button type="button" className="ghost" onClick={() => setDeleting(category.id)}>
                          {t('catalog.categories.delete')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
