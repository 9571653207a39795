/** Told each phase of a render and how long it took (ms): benchmarks listen. */
export type PhaseListener = (phase: string, ms: number) => void;

/** `phase(name)` reports the time since the previous call to the listener. */
export function phaseClock(listener: PhaseListener | undefined): (name: string) => void {
  if (!listener) return () => undefined;
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    listener(name, now - last);
    last = now;
  };
}
