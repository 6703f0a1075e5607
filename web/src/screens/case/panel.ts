// The frame every panel of the case page shares: a card named by its heading, and a list of records (or a
// sentence saying there are none yet). A new kind of casework is a panel: records, and actions under them.
import { type ComponentChildren, h } from 'preact';
import type { El } from '../../ui.ts';

/** A card named by its heading; `id` is the heading's (`sec-services`), which the tests and links use. */
export function Panel(p: { id: string; title: string; children?: ComponentChildren }): El {
  return h('section', { class: 'card', 'aria-labelledby': p.id }, h('h2', { id: p.id }, p.title), p.children);
}

/** The records of a panel, oldest first; `ordered` where the order is the point (the history). */
export function Records<R>(p: {
  rows: readonly R[] | undefined;
  /** Said when there are none. */
  empty: string;
  item: (r: R) => El;
  id?: string;
  ordered?: boolean;
  class?: string;
}): El {
  if (!p.rows?.length) return h('p', { class: 'muted' }, p.empty);
  return h(
    p.ordered ? 'ol' : 'ul',
    { class: ['records', p.class].filter(Boolean).join(' '), id: p.id },
    p.rows.map(p.item),
  );
}
