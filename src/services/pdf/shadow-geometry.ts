/** What the shadow images of photos (shadow-images.ts) and of other boxes (shadow-slices.ts) are drawn from. */

/** One outer shadow as computed: offsets, blur and spread in CSS px, colour as rgb + alpha. */
export interface BoxShadow {
  x: number;
  y: number;
  blur: number;
  spread: number;
  rgb: [number, number, number];
  alpha: number;
}

/** Corner radii [horizontal, vertical]: top-left, top-right, bottom-right, bottom-left. */
export type CornerRadii = [number, number][];

/** Blurs below this (CSS px) stay Chromium's: a sharp-edged shadow needs vector edges. */
export const SMALLEST_BLUR = 2;
/** More shadows on one box than this keep Chromium's (a template layering dozens is drawing something else). */
export const SHADOWS_MAX = 8;

/** Whether these shadows can be drawn as an image at all. */
export const drawable = (shadows: BoxShadow[]) =>
  shadows.length > 0 && shadows.length <= SHADOWS_MAX && shadows.every((shadow) => shadow.blur >= SMALLEST_BLUR);

/** How far a shadow reaches past its shape: Skia blurs to three standard deviations (σ = blur / 2). */
export const blurReach = (shadow: BoxShadow) => 1.5 * shadow.blur;

/** How far the shadows reach past the border box: top, right, bottom, left (CSS px). */
export function shadowOutsets(shadows: BoxShadow[]): [number, number, number, number] {
  const most = (pick: (shadow: BoxShadow) => number) => Math.ceil(Math.max(0, ...shadows.map(pick)));
  return [
    most((s) => blurReach(s) + s.spread - s.y),
    most((s) => blurReach(s) + s.spread + s.x),
    most((s) => blurReach(s) + s.spread + s.y),
    most((s) => blurReach(s) + s.spread - s.x),
  ];
}

/**
 * Where a box's shadow image is drawn: its outsets, the area they span around the border box (CSS px, the box's
 * top-left corner at 0, 0) and the image's pixels. A wide blur is smooth at half a pixel per CSS px; a narrow one needs
 * whole or half pixels.
 */
export function shadowCanvas(size: { width: number; height: number }, shadows: BoxShadow[]) {
  const outsets = shadowOutsets(shadows);
  const [top, right, bottom, left] = outsets;
  const area = { x: -left, y: -top, width: size.width + left + right, height: size.height + top + bottom };
  const sigma = Math.min(...shadows.map((shadow) => shadow.blur / 2));
  const scale = sigma >= 6 ? 0.5 : sigma >= 3 ? 1 : 2;
  const pixels = { width: Math.ceil(area.width * scale), height: Math.ceil(area.height * scale) };
  return { outsets, area, pixels };
}

/** CSS Backgrounds 3 (7.1.1): a spread shadow's radius grows with the spread, less so for a small radius. */
export function spreadRadius(radius: number, spread: number): number {
  if (spread < 0) return Math.max(0, radius + spread);
  if (radius === 0 || spread === 0) return radius;
  const ratio = radius / spread;
  return radius + spread * (ratio < 1 ? 1 + (ratio - 1) ** 3 : 1);
}

/** An SVG path of a rectangle with elliptical corners [rx, ry]: top-left, top-right, bottom-right, bottom-left. */
export function roundedRect(x: number, y: number, width: number, height: number, radii: number[][]): string {
  const w = Math.max(0, width);
  const h = Math.max(0, height);
  const [[a, b], [c, d], [e, f], [g, k]] = radii;
  return [
    `M${x + a} ${y}H${x + w - c}A${c} ${d} 0 0 1 ${x + w} ${y + d}`,
    `V${y + h - f}A${e} ${f} 0 0 1 ${x + w - e} ${y + h}`,
    `H${x + g}A${g} ${k} 0 0 1 ${x} ${y + h - k}`,
    `V${y + b}A${a} ${b} 0 0 1 ${x + a} ${y}Z`,
  ].join("");
}

/**
 * The shadows of a box of this size as SVG, as CSS paints them (the first on top): each the box grown by its spread
 * (its radii grown as CSS says), moved by its offset, blurred with σ = blur / 2 over `area`.
 */
export function shadowLayers(
  size: { width: number; height: number },
  radii: CornerRadii,
  shadows: BoxShadow[],
  area: { x: number; y: number; width: number; height: number },
): string {
  const region = `x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}"`;
  return [...shadows]
    .reverse()
    .map((shadow, i) => {
      const shape = roundedRect(
        shadow.x - shadow.spread,
        shadow.y - shadow.spread,
        size.width + 2 * shadow.spread,
        size.height + 2 * shadow.spread,
        radii.map(([rx, ry]) => [spreadRadius(rx, shadow.spread), spreadRadius(ry, shadow.spread)]),
      );
      const [r, g, b] = shadow.rgb;
      const blur = `<feGaussianBlur stdDeviation="${shadow.blur / 2}"/>`;
      return (
        `<filter id="b${i}" filterUnits="userSpaceOnUse" ${region}>${blur}</filter>` +
        `<path d="${shape}" fill="rgb(${r},${g},${b})" fill-opacity="${shadow.alpha}" filter="url(#b${i})"/>`
      );
    })
    .join("");
}

/** The layers over `area` with a hole of this path cut out, as an SVG document of these pixels. */
export function shadowSvg(
  layers: string,
  hole: string,
  area: { x: number; y: number; width: number; height: number },
  pixels: { width: number; height: number },
): string {
  const region = `x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}"`;
  const view = `${area.x} ${area.y} ${area.width} ${area.height}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels.width}" height="${pixels.height}" viewBox="${view}" ` +
    `preserveAspectRatio="none"><mask id="m" maskUnits="userSpaceOnUse" ${region}><rect ${region} fill="#fff"/>` +
    `<path d="${hole}" fill="#000"/></mask><g mask="url(#m)">${layers}</g></svg>`
  );
}

/**
 * In-page source text (no bundler helpers reach the page): `parseShadows(computed)` splits a computed box-shadow
 * into `{ outer: [...], inset: [...] }` (outer as BoxShadow, inset as their computed text), or null when a shadow is
 * not plain rgb(a) with px lengths; `splitList(text)` splits a comma list outside parentheses.
 */
export const PARSE_SHADOWS_SOURCE = `
  var px = function (text) { return parseFloat(text) || 0; };
  var number = "(-?[\\\\d.]+)";
  var shadowPattern = new RegExp("^rgba?\\\\(" + [number, number, number].join(", ") + "(?:, " + number + ")?\\\\) " +
    [number, number, number, number].join("px ") + "px( inset)?$");
  var splitList = function (text) {
    var parts = [], depth = 0, start = 0;
    for (var i = 0; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")") depth--;
      else if (text[i] === "," && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
    }
    parts.push(text.slice(start).trim());
    return parts;
  };
  var parseShadows = function (computed) {
    var outer = [], inset = [];
    var parsed = splitList(computed).every(function (text) {
      var m = shadowPattern.exec(text);
      if (!m) return false;
      if (m[9]) { inset.push(text); return true; }
      outer.push({ x: px(m[5]), y: px(m[6]), blur: px(m[7]), spread: px(m[8]),
        rgb: [px(m[1]), px(m[2]), px(m[3])], alpha: m[4] === undefined ? 1 : px(m[4]) });
      return true;
    });
    return parsed ? { outer: outer, inset: inset } : null;
  };
  var cornerRadii = function (style, width, height) {
    var radii = ["top-left", "top-right", "bottom-right", "bottom-left"].map(function (corner) {
      var parts = style.getPropertyValue("border-" + corner + "-radius").split(" ");
      var axis = function (text, size) { return /%$/.test(text) ? (px(text) / 100) * size : px(text); };
      return [axis(parts[0], width), axis(parts[1] || parts[0], height)];
    });
    var fit = Math.min(1, width / (radii[0][0] + radii[1][0] || 1), width / (radii[3][0] + radii[2][0] || 1),
      height / (radii[0][1] + radii[3][1] || 1), height / (radii[1][1] + radii[2][1] || 1));
    return radii.map(function (r) { return [r[0] * fit, r[1] * fit]; });
  };
`;
