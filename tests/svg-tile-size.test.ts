import { describe, expect, it } from "vitest";
import { intrinsicSize, tileSize } from "../src/services/pdf/svg-tiles.ts";

const svg = (attributes: string) =>
  Buffer.from(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" ${attributes}><rect/></svg>`);

describe("the printed size of a repeated SVG background's tile", () => {
  it("reads the root <svg>'s absolute width and height, and nothing relative", () => {
    expect(intrinsicSize(svg(`width="40" height='30px'`))).toEqual({ width: 40, height: 30 });
    expect(intrinsicSize(svg(`viewBox="0 0 40 30"`))).toBeUndefined();
    expect(intrinsicSize(svg(`width="100%" height="30"`))).toBeUndefined();
    expect(intrinsicSize(svg(`stroke-width="2" height="30"`))).toBeUndefined();
  });

  it("follows background-size: auto, one length (ratio kept), two lengths", () => {
    const own = { width: 40, height: 30 };
    expect(tileSize("auto", own)).toEqual(own);
    expect(tileSize("auto auto", own)).toEqual(own);
    expect(tileSize("20px", own)).toEqual({ width: 20, height: 15 });
    expect(tileSize("20px auto", own)).toEqual({ width: 20, height: 15 });
    expect(tileSize("20px 50px", undefined)).toEqual({ width: 20, height: 50 });
  });

  it("leaves sizes that are not a fixed tile alone", () => {
    for (const size of ["cover", "contain", "50% auto", "auto 20px", "0px 10px"])
      expect(tileSize(size, { width: 40, height: 30 })).toBeUndefined();
    expect(tileSize("auto", undefined)).toBeUndefined();
    expect(tileSize("20px", undefined)).toBeUndefined();
  });
});
