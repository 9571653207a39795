import sharp from "sharp";
const a = await sharp("/tmp/reprint-true.png").raw().toBuffer({ resolveWithObject: true });
const b = await sharp("/tmp/reprint-false.png").raw().toBuffer({ resolveWithObject: true });
let diff = 0, max = 0;
for (let i = 0; i < a.data.length; i++) { const d = Math.abs(a.data[i] - b.data[i]); if (d > 0) diff++; max = Math.max(max, d); }
console.log(a.info, b.info.width, b.info.height, "differing bytes", diff, "max", max);
await sharp("/tmp/reprint-true.png").resize(600).toFile("/tmp/reprint-true-small.png");
const d = Buffer.alloc(a.data.length);
for (let i = 0; i < a.data.length; i++) d[i] = Math.min(255, Math.abs(a.data[i] - b.data[i]) * 8);
await sharp(d, { raw: { width: 793, height: 1123, channels: 3 } }).resize(400).png().toFile("/tmp/diff.png");
await sharp("/tmp/reprint-false.png").resize(600).toFile("/tmp/reprint-false-small.png");
