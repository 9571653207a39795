import sharp from "sharp";
import { makeCollage } from "../src/services/fal/collage.ts";

/** Median time to build the moodboard collage from four 1024×1024 JPEGs (target ≤ 300 ms). */
const colours = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad"];
const images = await Promise.all(
  colours.map((background, index) =>
    sharp({
      create: {
        width: 1024,
        height: 1024,
        channels: 3,
        background,
        noise: { type: "gaussian", mean: 128, sigma: 30 + index },
      },
    })
      .jpeg({ quality: 90 })
      .toBuffer(),
  ),
);
await makeCollage(images); // warm-up
const times: number[] = [];
for (let run = 0; run < 15; run++) {
  const started = performance.now();
  await makeCollage(images);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(
  `collage of four 1024x1024: median ${times[7].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[14].toFixed(1)}, 15 runs)`,
);
