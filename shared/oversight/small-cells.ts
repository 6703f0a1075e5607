// Small-cell protection for published figures. A count from 1 to threshold-1 of an area below the state is
// shown as "<5" (primary suppression), so nobody is singled out in a small place. That alone is not enough
// when a total is published beside its parts: with exactly one hidden part, the total minus the others
// gives it back. So every additive relation (a total and its parts: the state and its districts, a district
// and its centres, the year and its months, the registrations and their referral sources...) is a line,
// and a line may hold no hidden figure or at least two: where it holds exactly one, the smallest figure
// still shown in it is withheld too (complementary suppression, shown as "x"), and so on until every line
// holds none or two or more. One pattern is decided for all the figures at once, so no two views (the state,
// one district, one centre) can be played against each other.
//
// Figures marked exact (the caller's own area) are never withheld; figures marked fixed keep a state
// decided elsewhere (a report reusing what GET /stats shows).

export type Cell = number | string;

/** A figure withheld only so that a small one cannot be worked out by subtraction. */
export const WITHHELD = 'x';

export const smallCellMark = (threshold: number) => `<${threshold}`;

interface Figure {
  id: string;
  value: number;
  hidden: 'small' | 'complement' | undefined;
  /** Never changed here: shown exact, or as decided elsewhere. */
  fixed: boolean;
  /** What is shown for a figure decided elsewhere. */
  decided?: Cell;
  /** The lines it is in (by index). */
  lines: number[];
}

export class SmallCells {
  private readonly figures = new Map<string, Figure>();
  private readonly lines: Figure[][] = [];

  constructor(readonly threshold: number) {}

  /**
   * A figure. `exact`: the caller's own area, always shown as it is. `decided`: shown as another view decided
   * (a report reusing a figure of GET /stats). Otherwise hidden when small (1 to threshold-1). Adding the
   * same id twice adds nothing.
   */
  add(id: string, value: number, opts: { exact?: boolean; decided?: Cell } = {}): void {
    if (this.figures.has(id)) return;
    const small = value > 0 && value < this.threshold;
    if (opts.decided !== undefined) {
      const hidden = typeof opts.decided === 'number' ? undefined : 'small';
      this.figures.set(id, { id, value, hidden, fixed: true, decided: opts.decided, lines: [] });
    } else if (opts.exact) this.figures.set(id, { id, value, hidden: undefined, fixed: true, lines: [] });
    else this.figures.set(id, { id, value, hidden: small ? 'small' : undefined, fixed: false, lines: [] });
  }

  has(id: string): boolean {
    return this.figures.has(id);
  }

  /** `total` is the sum of `parts` (every id added before). A line of one part ties the two together. */
  line(total: string, parts: string[]): void {
    const figures = [total, ...parts].map((id) => this.figures.get(id)).filter((f): f is Figure => Boolean(f));
    if (figures.length < 2) return;
    const index = this.lines.length;
    this.lines.push(figures);
    for (const f of figures) f.lines.push(index);
  }

  /** Withholds figures until no line holds exactly one hidden figure (where any can still be withheld). */
  protect(): void {
    const hiddenIn = this.lines.map((line) => line.filter((f) => f.hidden).length);
    const todo = hiddenIn.flatMap((n, i) => (n === 1 ? [i] : []));
    while (todo.length) {
      const i = todo.pop() as number;
      if (hiddenIn[i] !== 1) continue;
      const pick = complementOf(this.lines[i]);
      if (!pick) continue;
      pick.hidden = 'complement';
      for (const j of pick.lines) {
        hiddenIn[j]++;
        if (hiddenIn[j] === 1) todo.push(j);
      }
    }
  }

  /** What is published for a figure: its count, "<threshold", or "x". */
  shown(id: string): Cell {
    const f = this.figures.get(id);
    if (!f) return 0;
    if (f.decided !== undefined) return f.decided;
    if (f.hidden === 'small') return smallCellMark(this.threshold);
    if (f.hidden === 'complement') return WITHHELD;
    return f.value;
  }

  isHidden(id: string): boolean {
    return Boolean(this.figures.get(id)?.hidden);
  }
}

/** The figure to withhold beside a line's one hidden figure: the smallest shown one, a zero only if no other. */
function complementOf(line: Figure[]): Figure | undefined {
  let best: Figure | undefined;
  const rank = (f: Figure) => (f.value === 0 ? Number.MAX_SAFE_INTEGER : f.value);
  for (const f of line) {
    if (f.hidden || f.fixed) continue;
    if (!best || rank(f) < rank(best) || (rank(f) === rank(best) && f.id < best.id)) best = f;
  }
  return best;
}
