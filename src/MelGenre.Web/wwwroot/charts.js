// SVG charts drawn from a prediction: pure functions from data and a width in CSS pixels to an <svg> element.
// Every string that came from the server or the file goes into the DOM as text (textContent), never as markup.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Colours per label index (Tableau 10: distinct in hue and lightness, readable on light and dark backgrounds). */
const GENRE_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

/** How many genres the bar chart highlights and labels as the answer. */
export const HIGHLIGHTED = 3;

/** The colour of label: its position in the model's label order picks it, so it never changes between files. */
export function genreColour(labels, label) {
  const index = labels.indexOf(label);
  return GENRE_COLOURS[(index < 0 ? labels.length : index) % GENRE_COLOURS.length];
}

/** "61.2 %" (one decimal; "< 0.1 %" for what would round to zero but is not). */
export function percent(probability) {
  const value = probability * 100;
  if (value > 0 && value < 0.05) return "< 0.1 %";
  return `${value.toFixed(1)} %`;
}

/** "1:05" for 65 s; with tenths, "1:05.5". */
export function clockTime(seconds, tenths = false) {
  if (tenths) {
    const total = Math.round(seconds * 10);
    return `${Math.floor(total / 600)}:${((total % 600) / 10).toFixed(1).padStart(4, "0")}`;
  }
  const total = Math.floor(seconds + 1e-6);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Genres with their probabilities, most probable first (ties keep the model's label order). */
export function rankGenres(probabilities) {
  return Object.entries(probabilities)
    .map(([genre, probability], order) => ({ genre, probability, order }))
    .sort((a, b) => b.probability - a.probability || a.order - b.order);
}

/**
 * Horizontal bars, one per genre, most probable first; the top three filled with the accent colour and labelled in
 * bold. Each bar is a <rect class="bar"> with data-genre, data-probability (the server's number) and data-rank.
 */
export function genreBarChart(probabilities, width) {
  const ranked = rankGenres(probabilities);
  const row = 30, barHeight = 20, labelWidth = 84, valueWidth = 64;
  const height = ranked.length * row;
  const barSpace = Math.max(40, width - labelWidth - valueWidth);
  const summary = ranked.map(r => `${r.genre} ${percent(r.probability)}`).join(", ");
  const chart = svg("svg", {
    width, height, viewBox: `0 0 ${width} ${height}`, role: "img", class: "bar-chart",
    "aria-label": `Genre probabilities, most likely first: ${summary}`,
  });
  ranked.forEach((r, rank) => {
    const top = rank < HIGHLIGHTED;
    const y = rank * row;
    const group = svg("g", { class: top ? "bar-row top" : "bar-row" });
    group.append(svg("title", {}, `${r.genre}: ${percent(r.probability)}`));
    group.append(svg("text", { x: labelWidth - 10, y: y + row / 2, class: "bar-label", "text-anchor": "end", "dominant-baseline": "central" }, r.genre));
    group.append(svg("rect", { x: labelWidth, y: y + (row - barHeight) / 2, width: barSpace, height: barHeight, rx: 3, class: "bar-track" }));
    group.append(svg("rect", {
      x: labelWidth, y: y + (row - barHeight) / 2, width: Math.max(0, r.probability) * barSpace, height: barHeight, rx: 3,
      class: top ? "bar highlighted" : "bar",
      "data-genre": r.genre, "data-probability": r.probability, "data-rank": rank + 1,
    }));
    group.append(svg("text", { x: labelWidth + barSpace + 8, y: y + row / 2, class: "bar-value", "dominant-baseline": "central" }, percent(r.probability)));
    chart.append(group);
  });
  return chart;
}

/**
 * The stretch of time each segment stands for on the timeline. Patches overlap (each starts half a patch after the
 * previous one), so a segment owns the time nearer its centre than any other centre; equal, touching segments keep
 * their own bounds.
 */
export function segmentBands(segments) {
  const centres = segments.map(s => (s.start + s.end) / 2);
  return segments.map((s, i) => ({
    segment: s,
    from: i === 0 ? s.start : (centres[i - 1] + centres[i]) / 2,
    to: i === segments.length - 1 ? s.end : (centres[i] + centres[i + 1]) / 2,
  }));
}

/** Consecutive bands with the same top genre, merged: what the timeline's description reads out. */
export function genreRuns(bands) {
  const runs = [];
  for (const band of bands) {
    const last = runs.at(-1);
    if (last && last.genre === band.segment.top) last.to = band.to;
    else runs.push({ genre: band.segment.top, from: band.from, to: band.to });
  }
  return runs;
}

/** A tick step in seconds that gives at most about maxTicks ticks over duration. */
export function tickStep(duration, maxTicks) {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find(step => duration / step <= maxTicks) ?? steps.at(-1);
}

/**
 * The genre timeline over the whole recording (0 to duration seconds): one coloured <rect class="segment"> per segment
 * (data-genre, data-start, data-end in seconds) and a time axis below. A tail too short for a patch stays blank.
 */
export function genreTimeline(segments, labels, width, duration) {
  const bandTop = 4, bandHeight = 36, axisY = bandTop + bandHeight + 6, height = axisY + 24, side = 12;
  const bands = segmentBands(segments);
  const start = 0;
  const end = Math.max(duration, bands.at(-1)?.to ?? 0);
  const span = Math.max(end - start, 1e-9);
  const plotWidth = Math.max(40, width - 2 * side);
  const x = t => side + ((t - start) / span) * plotWidth;
  const description = genreRuns(bands).map(r => `${r.genre} ${clockTime(r.from)}–${clockTime(r.to)}`).join(", ");
  const chart = svg("svg", {
    width, height, viewBox: `0 0 ${width} ${height}`, role: "img", class: "timeline-chart",
    "aria-label": `Most likely genre over time: ${description || "no segments"}`,
  });
  for (const band of bands) {
    const s = band.segment;
    const rect = svg("rect", {
      x: x(band.from), y: bandTop, width: Math.max(0.5, x(band.to) - x(band.from)), height: bandHeight,
      fill: genreColour(labels, s.top), class: "segment",
      "data-genre": s.top, "data-start": s.start, "data-end": s.end,
    });
    const probability = s.probabilities?.[s.top];
    rect.append(svg("title", {}, `${clockTime(s.start, true)}–${clockTime(s.end, true)}: ${s.top}${probability === undefined ? "" : ` (${percent(probability)})`}`));
    chart.append(rect);
  }
  chart.append(svg("line", { x1: side, x2: side + plotWidth, y1: axisY, y2: axisY, class: "axis" }));
  const step = tickStep(span, Math.max(2, Math.floor(plotWidth / 70)));
  let lastTick = -Infinity;
  for (let t = Math.ceil(start / step) * step; t <= end + 1e-9; t += step) {
    axisTick(chart, x(t), axisY, clockTime(t), "middle");
    lastTick = x(t);
  }
  // The end time always shows, unless a tick already sits where its label would go.
  if (x(end) - lastTick > 56) axisTick(chart, x(end), axisY, clockTime(end, true), "end");
  return chart;
}

function axisTick(chart, x, axisY, label, anchor) {
  chart.append(svg("line", { x1: x, x2: x, y1: axisY, y2: axisY + 5, class: "axis" }));
  chart.append(svg("text", { x, y: axisY + 18, class: "tick", "text-anchor": anchor }, label));
}
