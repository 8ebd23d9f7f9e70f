/**
 * A table in a flush card, with the states every list screen has: loading, empty, the rows, and
 * (for a list read a page at a time) the paging footer under it. The card is a focusable region,
 * so a keyboard can scroll a table wider than the screen.
 */
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.js';

export interface Column {
  label: string;
  /** Read by screen readers only (an actions column). */
  hidden?: boolean;
}

/** The next page of a paged list: shown while the appliance says there is more. */
export interface Paging {
  hasMore: boolean;
  busy: boolean;
  label: string;
  onMore(): void;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  empty,
  children,
  paging,
  className,
}: {
  /** The table's caption and the region's name. */
  caption: string;
  columns: Column[];
  /** Null while the first read is under way. */
  rows: T[] | null;
  empty: string;
  /** One `<tr>` per row. */
  children: (row: T) => ReactNode;
  paging?: Paging;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="card card--flush" tabIndex={0} role="region" aria-label={caption}>
        {rows === null || rows.length === 0 ? (
          <p className="muted pad" role="status">
            {rows === null ? t('app.loading') : empty}
          </p>
        ) : (
          <table className={className ? `table ${className}` : 'table'}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col">
                    {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows.map(children)}</tbody>
          </table>
        )}
      </div>
      {paging && <PagingFooter {...paging} />}
    </>
  );
}

/** "Show more" under a list read a page at a time; nothing once the last page is in. */
export function PagingFooter({ hasMore, busy, label, onMore }: Paging) {
  if (!hasMore) return null;
  return (
    <p className="paging-footer">
      <Button onClick={onMore} busy={busy}>
        {label}
      </Button>
    </p>
  );
}
