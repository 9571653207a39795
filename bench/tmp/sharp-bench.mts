import sharp from "sharp";
import { photo, renewed } from "../../scripts/bench-pdf-cards.ts";
sharp.cache(false);
const imgs = await Promise.all([1,2,3,4,5].map(photo));
async function run(label: string, make: (b: Buffer) => Promise<Buffer>) {
  const times: number[] = [];
  for (let r = 0; r < 12; r++) {
    const t = performance.now();
    for (const b of imgs) await make(renewed(b));
    times.push(performance.now() - t);
  }
  times.sort((a,b)=>a-b);
  console.log(label, (times[6]/5).toFixed(1), "ms/photo");
}
const base = (b: Buffer) => sharp(b).autoOrient().resize(650, 488, { fit: "fill" }).extract({left:0,top:2,width:650,height:484});
for (let k = 0; k < 2; k++) {
await run("current q85", (b) => base(b).jpeg({ quality: 85 }).toBuffer());
await run("q85 no-chroma-change 4:2:0 explicit", (b) => base(b).jpeg({ quality: 85, chromaSubsampling: "4:2:0" }).toBuffer());
await run("raw only (decode+resize)", (b) => base(b).raw().toBuffer());
await run("decode only metadata", async (b) => { await sharp(b).metadata(); return b; });
await run("kernel linear", (b) => sharp(b).autoOrient().resize(650, 488, { fit: "fill", kernel: "linear" }).extract({left:0,top:2,width:650,height:484}).jpeg({quality:85}).toBuffer());
await run("kernel nearest", (b) => sharp(b).autoOrient().resize(650, 488, { fit: "fill", kernel: "nearest" }).extract({left:0,top:2,width:650,height:484}).jpeg({quality:85}).toBuffer());
await run("shrink 4 via 400x300 -> no", (b) => sharp(b).resize(400, 300).jpeg({quality:85}).toBuffer());
sharp.concurrency(1);
await run("concurrency1 current", (b) => base(b).jpeg({ quality: 85 }).toBuffer());
sharp.concurrency(0);
}
