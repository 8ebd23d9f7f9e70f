/**
 * Focuses a field once the frame that shows it has been painted, instead of `autoFocus` during
 * React's commit: focusing an input forces a synchronous style and layout pass and starts the
 * browser's form handling (autofill) before anything is on screen, which held back the login
 * screen's first paint by about 10 ms. The field still has focus before anyone can type into it.
 * Leaves the focus alone if the person already put it somewhere. Returns a cancel function
 * (a useEffect cleanup).
 */
export function focusAfterFirstPaint(target: () => Element | RadioNodeList | null | undefined): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // rAF runs just before the frame is drawn; a task queued from it runs once that frame is out.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => {
      const el = target();
      const untouched = !document.activeElement || document.activeElement === document.body;
      if (untouched && el instanceof HTMLElement) el.focus();
    }, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
