// The partner directory as the referral form reads it: one district at a time, fetched the first time it is
// asked for and kept for the page's life (a directory changes a few times a year; nothing personal in it).
import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../../api.ts';
import type { Partner } from '../../types.ts';

const cache = new Map<string, Promise<Partner[]>>();
const ready = new Map<string, Partner[]>();

function load(district: string): Promise<Partner[]> {
  let p = cache.get(district);
  if (!p) {
    p = apiGet<Partner[]>(`/partners?district=${encodeURIComponent(district)}`);
    cache.set(district, p);
    p.then(
      (list) => ready.set(district, list),
      () => cache.delete(district),
    );
  }
  return p;
}

/** After a change to the directory: the next read of that district goes to the API. */
export function forgetPartners(district?: string): void {
  if (district === undefined) {
    cache.clear();
    ready.clear();
  } else {
    cache.delete(district);
    ready.delete(district);
  }
}

/**
 * `partnersOf(district)`: the district's active partners, or undefined while they load (the component draws
 * again when they arrive).
 */
export function usePartners(): (district: string) => Partner[] | undefined {
  const [, setTick] = useState(0);
  const [wanted, setWanted] = useState<string | undefined>();
  useEffect(() => {
    if (!wanted || ready.has(wanted)) return;
    let live = true;
    load(wanted).then(
      () => live && setTick((x) => x + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return (district: string) => {
    if (!district) return [];
    const list = ready.get(district);
    if (!list && wanted !== district) queueMicrotask(() => setWanted(district));
    return list;
  };
}
