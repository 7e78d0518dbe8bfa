/** A small horizontal bar chart in SVG, one panel per measurement, readable at a glance. */
export interface Panel {
  title: string;
  bars: Array<{ label: string; value: number; highlight?: boolean }>;
}

const WIDTH = 720;
const LABEL_WIDTH = 210;
const BAR_HEIGHT = 22;
const GAP = 8;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function barChartSvg(panels: Panel[]): string {
  const parts: string[] = [];
  let y = 10;
  for (const panel of panels) {
    parts.push(`<text x="10" y="${y + 16}" font-size="15" font-weight="bold">${escape(panel.title)}</text>`);
    y += 28;
    const max = Math.max(...panel.bars.map((b) => b.value), 1e-9);
    for (const bar of panel.bars) {
      const width = Math.max(1, ((WIDTH - LABEL_WIDTH - 90) * bar.value) / max);
      parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + 16}" font-size="13" text-anchor="end">${escape(bar.label)}</text>`);
      parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${bar.highlight ? '#d6336c' : '#adb5bd'}"/>`);
      parts.push(`<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 16}" font-size="13">${bar.value < 10 ? bar.value.toFixed(2) : bar.value.toFixed(0)}</text>`);
      y += BAR_HEIGHT + GAP;
    }
    y += 16;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${y}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
