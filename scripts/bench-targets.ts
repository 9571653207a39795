/**
 * The figures a bench must reach (issue "Cards at least twice as fast as WeasyPrint"): each miss is printed on its
 * own line and the script exits non-zero, so a regression shows the day it lands (npm run bench fails too).
 */
export const PDF_TARGETS = {
  /** Warm card with new photos, against the same HTML through WeasyPrint. */
  newPhotosRatio: 0.5,
  coldMs: 1_500,
  pdfBytes: 2 * 1024 * 1024,
  /** Draft → PDF minus Gemini's time and the owner's tap, through the bot (bench:generator). */
  draftToPdfMs: 150,
  peakMb: 450,
};

export interface Miss {
  figure: string;
  measured: string;
  target: string;
}

/** Prints the misses (or that every target was met) and sets the exit code. */
export function reportTargets(misses: Miss[], checked: string): void {
  if (misses.length === 0) {
    console.log(`\ntargets met: ${checked}`);
    return;
  }
  console.log("");
  for (const miss of misses) console.log(`MISS: ${miss.figure}: ${miss.measured} (target ${miss.target})`);
  process.exitCode = 1;
}
