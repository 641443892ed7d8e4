// The MelGenre page: choose or drop a file, hear it, send it once to POST /api/analysis, show what comes back.
// Server- and file-derived strings only ever reach the DOM through textContent, attributes or image sources.

import { HIGHLIGHTED, clockTime, genreBarChart, genreColour, genreTimeline, percent, rankGenres } from "./charts.js";

const $ = id => document.getElementById(id);

const ui = {
  dropZone: $("drop-zone"),
  chooseButton: $("choose-button"),
  fileInput: $("file-input"),
  sizeLimit: $("size-limit"),
  fileInfo: $("file-info"),
  fileName: $("file-name"),
  player: $("player"),
  upload: $("upload"),
  status: $("status"),
  statusText: $("status-text"),
  error: $("error"),
  results: $("results"),
  verdict: $("verdict"),
  genreChart: $("genre-chart"),
  timeline: $("timeline"),
  legend: $("timeline-legend"),
  waveform: $("waveform"),
  spectrogram: $("spectrogram"),
  modelCard: $("model-card"),
};

const maxUploadBytes = Number(document.querySelector('meta[name="melgenre-max-upload-bytes"]')?.content) || Infinity;

/** What the page is showing now, so the charts can be redrawn at a new width. */
const state = { playerUrl: null, busy: false, prediction: null, labels: [] };

/** "12.3 MB" or "512 KB" in binary units (2^20, 2^10 bytes), the units upload limits are set in. */
function fileSize(bytes) {
  if (bytes < 1048576) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const value = bytes / 1048576;
  return `${value.toFixed(value < 10 ? 1 : 0)} MB`;
}

function showError(message) {
  ui.error.textContent = message;
}

function clearError() {
  ui.error.textContent = "";
}

function setBusy(busy, message = "") {
  state.busy = busy;
  ui.chooseButton.disabled = busy;
  ui.fileInput.disabled = busy;
  ui.dropZone.classList.toggle("disabled", busy);
  ui.upload.setAttribute("aria-busy", String(busy));
  ui.results.setAttribute("aria-busy", String(busy));
  ui.status.classList.toggle("busy", busy);
  ui.statusText.textContent = message;
}

/** Plays the chosen file in the page's player; the previous file's object URL is released. */
function showPlayer(file) {
  if (state.playerUrl) URL.revokeObjectURL(state.playerUrl);
  state.playerUrl = URL.createObjectURL(file);
  ui.player.src = state.playerUrl;
  ui.fileName.textContent = `${file.name} (${fileSize(file.size)})`;
  ui.fileInfo.hidden = false;
}

/** Seconds to wait from a Retry-After header (delay in seconds or an HTTP date), or null when absent or unreadable. */
function retryAfterSeconds(header) {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The sentence the user reads for a failed request: the server's problem-details detail, prefixed by what it means. */
async function failureMessage(response) {
  let detail = "";
  let title = "";
  try {
    const problem = await response.json();
    detail = String(problem.detail ?? problem.title ?? "");
    title = String(problem.title ?? "");
  } catch {
    // Not problem details (a proxy's error page, say): the status says enough.
  }
  const because = detail ? `: ${detail}` : ".";
  switch (response.status) {
    case 400: return `The server could not accept this upload${because}`;
    // 413 is either limit: the upload's size or the audio's length, which the problem's title names.
    case 413: return `${title === "Audio too long" ? "Audio too long" : "File too large"}${because}`;
    case 415: return `Not audio we can read${because}`;
    case 503: {
      const wait = retryAfterSeconds(response.headers.get("Retry-After"));
      return wait === null ? "The server is busy, try again in a moment." : `The server is busy, try again in ${wait} s.`;
    }
    case 504: return `The analysis took too long${because}`;
    default: return `The analysis failed (HTTP ${response.status})${because}`;
  }
}

async function analyse(file) {
  if (state.busy) return;
  clearError();
  showPlayer(file);
  ui.results.hidden = true;
  if (file.size === 0) {
    showError(`Not audio we can read: ${file.name} is empty.`);
    return;
  }
  if (file.size > maxUploadBytes) {
    showError(`File too large: ${fileSize(file.size)}; the limit is ${fileSize(maxUploadBytes)}.`);
    return;
  }

  const started = performance.now();
  const progress = () => {
    const seconds = Math.round((performance.now() - started) / 1000);
    setBusy(true, `Analysing ${file.name}: decoding, drawing and classifying…${seconds >= 2 ? ` ${seconds} s` : ""}`);
  };
  progress();
  const ticker = setInterval(progress, 1000);
  try {
    const form = new FormData();
    form.append("file", file, file.name);
    let response;
    try {
      response = await fetch("/api/analysis", { method: "POST", body: form });
    } catch {
      showError("Could not reach the MelGenre server. Check your connection and that the server is running, then try again.");
      return;
    }
    if (!response.ok) {
      showError(await failureMessage(response));
      return;
    }
    const analysis = await response.json();
    if (analysis.prediction?.error) {
      showError(`Not audio we can read: ${analysis.prediction.error}`);
      return;
    }
    showResults(analysis, file.name);
  } catch (error) {
    showError(`The server's answer could not be read (${error instanceof Error ? error.message : String(error)}). Please try again.`);
  } finally {
    clearInterval(ticker);
    setBusy(false);
  }
}

function showResults(analysis, fileName) {
  const prediction = analysis.prediction;
  state.prediction = prediction;
  state.labels = Object.keys(prediction.probabilities);

  const ranked = rankGenres(prediction.probabilities);
  const [first, ...others] = ranked.slice(0, HIGHLIGHTED);
  ui.verdict.replaceChildren(
    "This sounds most like ",
    Object.assign(document.createElement("strong"), { textContent: first.genre }),
    ` (${percent(first.probability)})`,
    others.length ? `, then ${others.map(r => `${r.genre} (${percent(r.probability)})`).join(" and ")}.` : ".",
    ` ${clockTime(prediction.duration)} of audio analysed.`,
  );

  ui.waveform.alt = `Waveform of ${fileName}: amplitude over ${clockTime(prediction.duration)}.`;
  ui.waveform.src = pictureUrl(analysis.waveform);
  ui.spectrogram.alt = `Mel spectrogram of ${fileName}: frequency on the mel scale over time, colour showing loudness in dB.`;
  ui.spectrogram.src = pictureUrl(analysis.spectrogram);

  ui.results.hidden = false;
  drawCharts();
  ui.verdict.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "nearest" });
}

/** The server's picture as an image source: only an inline image (data:image/…) is taken, never another URL. */
function pictureUrl(value) {
  if (typeof value !== "string" || !value.startsWith("data:image/")) throw new Error("a picture is missing from the answer");
  return value;
}

/** (Re)draws both charts at their containers' widths. */
function drawCharts() {
  const prediction = state.prediction;
  if (!prediction || ui.results.hidden) return;
  ui.genreChart.replaceChildren(genreBarChart(prediction.probabilities, ui.genreChart.clientWidth));
  const segments = prediction.segments ?? [];
  ui.timeline.replaceChildren(genreTimeline(segments, state.labels, ui.timeline.clientWidth, prediction.duration));
  const shown = state.labels.filter(label => segments.some(s => s.top === label));
  ui.legend.replaceChildren(...shown.map(label => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.backgroundColor = genreColour(state.labels, label);
    item.append(swatch, label);
    return item;
  }));
}

/** Fills the model card from GET /api/model (the model folder's manifest.json). */
async function loadModelCard() {
  const rows = [];
  const row = (term, value) => rows.push([term, value]);
  try {
    const response = await fetch("/api/model");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const model = await response.json();
    const f = model.features ?? {};
    const secondsPerFrame = f.hopLength / f.sampleRate;
    row("Model", model.name);
    row("Genres", (model.labels ?? []).join(", "));
    const cnn = model.architecture?.cnn;
    row("Network", cnn?.blockChannels
      ? `${model.architecture.kind}: ${cnn.blockChannels.length} convolutional blocks of ${cnn.blockChannels.join(" → ")} channels`
      : String(model.architecture?.kind ?? "unknown"));
    if ((model.members?.length ?? 1) > 1) row("Ensemble", `${model.members.length} networks, their probabilities averaged`);
    row("Features", `${f.melCount} mel bands of audio resampled to ${f.sampleRate} Hz; FFT of ${f.fftSize} samples, a frame every ${f.hopLength} samples (${(secondsPerFrame * 1000).toFixed(1)} ms)`);
    row("Patches", `${model.patchFrames} frames (${(model.patchFrames * secondsPerFrame).toFixed(2)} s), a new one every ${model.hopFrames} frames (${(model.hopFrames * secondsPerFrame).toFixed(2)} s)`);
    row("Training clips", String(model.training?.clips?.length ?? "unknown"));
  } catch (error) {
    row("Model", `Details unavailable (${error instanceof Error ? error.message : String(error)}).`);
  }
  ui.modelCard.replaceChildren(...rows.map(([term, value]) => {
    const pair = document.createElement("div");
    pair.append(Object.assign(document.createElement("dt"), { textContent: term }),
      Object.assign(document.createElement("dd"), { textContent: value }));
    return pair;
  }));
  ui.modelCard.setAttribute("aria-busy", "false");
}

function firstFile(files) {
  return files && files.length > 0 ? files[0] : null;
}

ui.chooseButton.addEventListener("click", () => ui.fileInput.click());
ui.fileInput.addEventListener("change", () => {
  const file = firstFile(ui.fileInput.files);
  if (file) analyse(file);
  ui.fileInput.value = ""; // choosing the same file again still analyses it
});

// A file dropped anywhere is taken, so a near miss never makes the browser navigate away to the file.
for (const type of ["dragenter", "dragover"]) {
  window.addEventListener(type, event => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = state.busy ? "none" : "copy";
    ui.dropZone.classList.toggle("dragging", !state.busy);
  });
}
window.addEventListener("dragleave", event => {
  if (event.relatedTarget === null) ui.dropZone.classList.remove("dragging");
});
window.addEventListener("drop", event => {
  event.preventDefault();
  ui.dropZone.classList.remove("dragging");
  const file = firstFile(event.dataTransfer?.files);
  if (file) analyse(file);
});

ui.sizeLimit.textContent = Number.isFinite(maxUploadBytes) ? fileSize(maxUploadBytes) : "the server's limit";
// Charts are drawn at their real width (text stays legible on a phone), so a new width means a redraw.
let drawnWidth = 0;
new ResizeObserver(() => {
  if (ui.genreChart.clientWidth === drawnWidth) return;
  drawnWidth = ui.genreChart.clientWidth;
  drawCharts();
}).observe(ui.genreChart);
loadModelCard();
