// Focus that follows what just happened: the error summary when a form has problems, the first field with a
// problem in a one-field form, a notice when the form that caused it has gone, the page title when a screen
// shows its result. Screen-reader and keyboard users then start from what changed.
import { useEffect, useRef } from 'preact/hooks';

/**
 * Returns `focusWhenShown(id)`: the element with that id takes focus after the next render in which it is on
 * the page. The request waits for the element, so a render that comes first (a list arriving, a reload that
 * has not answered yet) cannot use it up; `centre` also scrolls a field to the middle of the screen.
 */
export function useFocusWhenShown(): (id: string, centre?: boolean) => void {
  const wanted = useRef<{ id: string; centre: boolean } | undefined>(undefined);
  useEffect(() => {
    const want = wanted.current;
    const el = want ? document.getElementById(want.id) : null;
    if (!want || !el) return;
    wanted.current = undefined;
    el.focus();
    if (want.centre) el.scrollIntoView({ block: 'center' });
  });
  return (id, centre = false) => {
    wanted.current = { id, centre };
  };
}
