import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field.js';

export interface FilterDef<F extends string> {
  name: F;
  label: string;
  /** Choices make a select; otherwise a text box. */
  options?: Array<{ value: string; label: string }>;
}

/** Filter controls applied together (Enter or "Apply"), so typing does not fire a request per key. */
export function Filters<F extends string>({
  defs,
  values,
  onApply,
}: {
  defs: FilterDef<F>[];
  values: Partial<Record<F, string>>;
  onApply: (v: Partial<Record<F, string>>) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(values);
  useEffect(() => setDraft(values), [values]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label={t('table.filters')}>
      {defs.map((d) => (
        <Field key={d.name} label={d.label}>
          {d.options ? (
            <select value={draft[d.name] ?? ''} onChange={(e) => setDraft({ ...draft, [d.name]: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {d.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input type="search" value={draft[d.name] ?? ''} onChange={(e) => setDraft({ ...draft, [d.name]: e.target.value })} />
          )}
        </Field>
      ))}
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('table.apply')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          {t('table.reset')}
        </button>
      </div>
    </form>
  );
}
