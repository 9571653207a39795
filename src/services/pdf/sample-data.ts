import type { CardData } from "./pdf-service.ts";

const COLOURS = [
  ["#d9c6a5", "#8c6e4b"],
  ["#a9c3c9", "#3f6670"],
  ["#cfc7d9", "#5e5270"],
];

function sampleImage(index: number): Uint8Array {
  const [light, dark] = COLOURS[index % COLOURS.length];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900" viewBox="0 0 1200 900">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
<rect width="1200" height="900" fill="url(#g)"/>
<circle cx="600" cy="450" r="220" fill="none" stroke="#fff" stroke-width="14" opacity="0.7"/>
<text x="600" y="480" font-family="DejaVu Sans" font-size="96" fill="#fff" text-anchor="middle">${index + 1}</text>
</svg>`;
  return Buffer.from(svg, "utf8");
}

/** Today on a card: the owner's format (`02.12.2026`) and the original bot's (`December 02, 2026`). */
export interface CardDates {
  current_date: string;
  current_date_en: string;
}

/** Test-render data: a Cyrillic name, a two-paragraph description and 3 sample images. */
export function sampleCardData(dates: CardDates): CardData {
  const currentDate = dates.current_date;
  return {
    project_name: "Лампа «Сфера» — образец",
    project_description:
      "Настольная лампа из переработанного алюминия и дуба. Плавная форма абажура рассеивает свет без бликов.\n" +
      "Корпус собирается без клея: три детали на винтах, которые легко разобрать для ремонта.",
    social_text: "Свет, который можно починить. #IndustrialDesign #Innovation",
    status: "archived",
    created_at: currentDate,
    owner_notes: "Заметки дизайнера",
    ...dates,
    images: [0, 1, 2].map((i) => ({ bytes: sampleImage(i), extension: "svg" })),
  };
}
